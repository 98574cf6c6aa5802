using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>Replaces DES, Triple DES and RC2 with Aes.Create().</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakCipherCodeFix)), Shared]
public sealed class WeakCipherCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.WeakCipher)
{
    private const string Title = "Use AES";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        SyntaxNode? replacement = node switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation when invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                => invocation.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("AES"))),
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } or ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: null }
                => SyntaxFactory.ParseExpression("Aes.Create()"),
            _ => null,
        };
        await SafeReplacement.RegisterAsync(context, Title, node, replacement, "System.Security.Cryptography").ConfigureAwait(false);
    }
}
