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
public sealed class JsonNetTypeNameHandlingCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.JsonNetTypeNameHandling)
{
    private const string Title = "Use TypeNameHandling.None";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        await SafeReplacement.RegisterAsync(context, Title, node, SyntaxFactory.ParseExpression("TypeNameHandling.None"), "Newtonsoft.Json").ConfigureAwait(false);
    }
}
