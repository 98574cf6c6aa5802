using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>Replaces <c>Guid.NewGuid().ToString(...)</c> used as a secret with 256 random bits in hex.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuidAsSecretCodeFix)), Shared]
public sealed class GuidAsSecretCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.GuidAsSecret)
{
    private const string Title = "Use 32 random bytes";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        // Only the string form is replaced: a Guid-typed secret would need its type changed by hand.
        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString" } member && member.Parent is InvocationExpressionSyntax toString)
        {
            await SafeReplacement.RegisterAsync(context, Title, toString, SyntaxFactory.ParseExpression("Convert.ToHexString(RandomNumberGenerator.GetBytes(32))"), "System.Security.Cryptography").ConfigureAwait(false);
        }
    }
}
