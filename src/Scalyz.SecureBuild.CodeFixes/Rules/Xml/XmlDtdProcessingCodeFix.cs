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

/// <summary>Replaces DtdProcessing.Parse with DtdProcessing.Prohibit (and ProhibitDtd = false with true).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlDtdProcessingCodeFix)), Shared]
public sealed class XmlDtdProcessingCodeFix : CodeFixProvider
{
    private const string Title = "Prohibit DTD processing";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.XmlDtdProcessing);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return;
        }

        ExpressionSyntax replacement = value switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression) => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
            MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName("Prohibit")),
            _ => SyntaxFactory.ParseExpression("System.Xml.DtdProcessing.Prohibit"),
        };
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement.WithTriviaFrom(value)))), Title),
            context.Diagnostics);
    }
}
