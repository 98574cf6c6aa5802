using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Web;

/// <summary>Turns a disabled token validation check back on (false -> true).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JwtValidationCodeFix)), Shared]
public sealed class JwtValidationCodeFix : CodeFixProvider
{
    private const string Title = "Enable the validation check";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.JwtValidationDisabled);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(value);
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement))), Title),
            context.Diagnostics);
    }
}
