using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Xml;

/// <summary>Sets XmlResolver to null, so no external entity or document is fetched.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlResolverCodeFix)), Shared]
public sealed class XmlResolverCodeFix : CodeFixProvider
{
    private const string Title = "Set XmlResolver to null";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.XmlResolver);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression).WithTriviaFrom(value);
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement))), Title),
            context.Diagnostics);
    }
}
