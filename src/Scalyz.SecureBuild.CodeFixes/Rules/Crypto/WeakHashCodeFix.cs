using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.Analyzers.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>Replaces MD5/SHA-1/RIPEMD-160 with SHA-256 and HMACMD5/HMACSHA1 with HMACSHA256.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakHashCodeFix)), Shared]
public sealed class WeakHashCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.WeakHash)
{
    private const string Title = "Use SHA-256";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var diagnostic = context.Diagnostics[0];
        var isHmac = diagnostic.Properties.TryGetValue(WeakHashAnalyzer.AlgorithmProperty, out var algorithm) && algorithm!.StartsWith("HMAC", System.StringComparison.Ordinal);
        var safe = isHmac ? "HMACSHA256" : "SHA256";
        SyntaxNode? replacement = node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" or "CreateFromName" } } invocation
                when invocation.ArgumentList.Arguments.Count == 1 && invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                => invocation.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(safe))),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation when invocation.ArgumentList.Arguments.Count == 0 || member.Name.Identifier.ValueText != "Create"
                => SafeReplacement.RenameType(member.Expression, safe) is { } type ? invocation.WithExpression(member.WithExpression(type)) : null,
            ObjectCreationExpressionSyntax creation when isHmac
                => creation.WithType(SyntaxFactory.IdentifierName(safe)),
            ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } or ObjectCreationExpressionSyntax { ArgumentList: null }
                => SyntaxFactory.ParseExpression("SHA256.Create()"),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MD5" or "SHA1" } member
                => member.WithName(SyntaxFactory.IdentifierName("SHA256")),
            _ => null,
        };
        await SafeReplacement.RegisterAsync(context, Title, node, replacement, "System.Security.Cryptography").ConfigureAwait(false);
    }
}
