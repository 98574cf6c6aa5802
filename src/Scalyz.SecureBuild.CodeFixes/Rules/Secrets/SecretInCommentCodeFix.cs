using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Secrets;

/// <summary>
/// SSB1008: a secret in a comment has no configuration to move to; the fix redacts it in place (the diagnostic covers
/// the secret itself), and the message already says to rotate it, since it stays in the history.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SecretInCommentCodeFix))]
[Shared]
public sealed class SecretInCommentCodeFix : CodeFixProvider
{
    private const string Title = "Redact the secret in the comment";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SecretInComment);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        context.RegisterCodeFix(
            CodeAction.Create(Title, async token =>
            {
                var text = await context.Document.GetTextAsync(token).ConfigureAwait(false);
                return context.Document.WithText(text.WithChanges(new TextChange(diagnostic.Location.SourceSpan, "[redacted]")));
            }, Title),
            diagnostic);
        return Task.CompletedTask;
    }
}
