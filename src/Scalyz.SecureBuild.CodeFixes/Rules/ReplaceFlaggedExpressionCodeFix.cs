using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Scalyz.SecureBuild.CodeFixes.Rules;

/// <summary>A fix that swaps the flagged expression (the insecure value) for a safe one, keeping its trivia.</summary>
public abstract class ReplaceFlaggedExpressionCodeFix : FlaggedNodeCodeFix
{
    private readonly string _title;

    /// <summary>Creates the fix for <paramref name="ids"/>; <paramref name="title"/> names the action and is its equivalence key.</summary>
    protected ReplaceFlaggedExpressionCodeFix(string title, params string[] ids)
        : base(ids) => _title = title;

    protected sealed override Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        if (node is ExpressionSyntax value && Replacement(value) is { } replacement)
        {
            context.RegisterCodeFix(
                CodeAction.Create(_title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement.WithTriviaFrom(value)))), _title),
                context.Diagnostics);
        }

        return Task.CompletedTask;
    }

    /// <summary>The safe expression to put in place of <paramref name="flagged"/>, or null when there is no mechanical fix.</summary>
    protected abstract ExpressionSyntax? Replacement(ExpressionSyntax flagged);
}
