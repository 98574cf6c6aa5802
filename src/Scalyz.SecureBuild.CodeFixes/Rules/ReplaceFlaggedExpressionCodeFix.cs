using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Scalyz.SecureBuild.CodeFixes.Rules;

/// <summary>A fix that swaps the flagged expression (the insecure value) for a safe one, keeping its trivia.</summary>
public abstract class ReplaceFlaggedExpressionCodeFix : CodeFixProvider
{
    private readonly string _title;

    /// <summary>Creates the fix for <paramref name="ids"/>; <paramref name="title"/> names the action and is its equivalence key.</summary>
    protected ReplaceFlaggedExpressionCodeFix(string title, params string[] ids)
    {
        _title = title;
        FixableDiagnosticIds = ImmutableArray.Create(ids);
    }

    public override ImmutableArray<string> FixableDiagnosticIds { get; }

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value || Replacement(value) is not { } replacement)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(_title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement.WithTriviaFrom(value)))), _title),
            context.Diagnostics);
    }

    /// <summary>The safe expression to put in place of <paramref name="flagged"/>, or null when there is no mechanical fix.</summary>
    protected abstract ExpressionSyntax? Replacement(ExpressionSyntax flagged);
}
