using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.Analyzers.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>Replaces a legacy Managed/CryptoServiceProvider class with the platform factory (Aes.Create(), SHA256.Create(), RandomNumberGenerator.Create()).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacyCryptoTypeCodeFix)), Shared]
public sealed class LegacyCryptoTypeCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.LegacyCryptoType)
{
    private const string Title = "Use the platform factory";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(LegacyCryptoTypeAnalyzer.ReplacementProperty, out var replacement) || replacement is null || replacement.Contains("."))
        {
            return;
        }

        if (node is ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: null } or InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 })
        {
            await SafeReplacement.RegisterAsync(context, Title, node, SyntaxFactory.ParseExpression(replacement + ".Create()"), "System.Security.Cryptography").ConfigureAwait(false);
        }
    }
}
