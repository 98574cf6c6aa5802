using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Scalyz.SecureBuild.CodeFixes.Rules;

/// <summary>
/// The shape every SecureBuild fix shares: the diagnostics it fixes, batch fix-all, and the flagged node looked up once.
/// A fix only decides what to offer for that node.
/// </summary>
public abstract class FlaggedNodeCodeFix : CodeFixProvider
{
    /// <summary>Creates the fix for the diagnostics <paramref name="ids"/>.</summary>
    protected FlaggedNodeCodeFix(params string[] ids) => FixableDiagnosticIds = ImmutableArray.Create(ids);

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is not null)
        {
            await RegisterAsync(context, root, root.FindNode(context.Diagnostics[0].Location.SourceSpan, getInnermostNodeForTie: true)).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the fix for <paramref name="node"/>, the innermost node the diagnostic covers, or nothing when no safe fix exists.</summary>
    protected abstract Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node);
}
