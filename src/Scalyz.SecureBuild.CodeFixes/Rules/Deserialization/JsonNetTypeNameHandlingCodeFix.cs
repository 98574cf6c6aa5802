using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Deserialization;

/// <summary>Sets TypeNameHandling to None.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JsonNetTypeNameHandlingCodeFix)), Shared]
public sealed class JsonNetTypeNameHandlingCodeFix : CodeFixProvider
{
    private const string Title = "Use TypeNameHandling.None";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.JsonNetTypeNameHandling);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root!.FindNode(context.Diagnostics[0].Location.SourceSpan, getInnermostNodeForTie: true);
        await SafeReplacement.RegisterAsync(context, Title, node, SyntaxFactory.ParseExpression("TypeNameHandling.None"), "Newtonsoft.Json").ConfigureAwait(false);
    }
}
