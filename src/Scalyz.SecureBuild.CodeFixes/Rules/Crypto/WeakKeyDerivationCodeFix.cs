using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.Analyzers.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>
/// Raises a literal PBKDF2 iteration count to 600,000 (OWASP's figure for HMAC-SHA256), swaps SHA-1 for SHA-256, and
/// spells out both for constructors that relied on the defaults. Existing hashes need the old settings to verify,
/// so the fix is for code that derives new keys.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakKeyDerivationCodeFix)), Shared]
public sealed class WeakKeyDerivationCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.WeakKeyDerivation)
{
    private const string Title = "Use 600,000 iterations of SHA-256";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var diagnostic = context.Diagnostics[0];
        diagnostic.Properties.TryGetValue(WeakKeyDerivationAnalyzer.ProblemProperty, out var problem);
        SyntaxNode? replacement = (problem, node) switch
        {
            ("Iterations", LiteralExpressionSyntax) => SyntaxFactory.ParseExpression("600_000"),
            ("Hash", MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SHA1" or "MD5" } member) => member.WithName(SyntaxFactory.IdentifierName("SHA256")),
            ("Hash", MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HMACSHA1" } member) => member.WithName(SyntaxFactory.IdentifierName("HMACSHA256")),
            ("Defaults", ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 2 } creation)
                => creation.AddArgumentListArguments(
                    SyntaxFactory.Argument(SyntaxFactory.ParseExpression("600_000")),
                    SyntaxFactory.Argument(SyntaxFactory.ParseExpression("HashAlgorithmName.SHA256"))),
            ("Defaults", ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 3 } creation)
                => creation.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression("HashAlgorithmName.SHA256"))),
            _ => null,
        };
        await SafeReplacement.RegisterAsync(context, Title, node, replacement, problem == "Defaults" ? "System.Security.Cryptography" : null).ConfigureAwait(false);
    }
}
