using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>Switches RSA encryption to OAEP: RSAEncryptionPadding.OaepSHA256, or fOAEP: true.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RsaWithoutOaepCodeFix)), Shared]
public sealed class RsaWithoutOaepCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.RsaWithoutOaep)
{
    private const string Title = "Use OAEP padding";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        // Decrypting data written with PKCS#1 needs the old padding, so only the encrypting side is changed here.
        ExpressionSyntax? replacement = node switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pkcs1" } member => member.WithName(SyntaxFactory.IdentifierName("OaepSHA256")),
            _ => null,
        };
        await SafeReplacement.RegisterAsync(context, Title, node, replacement).ConfigureAwait(false);
    }
}
