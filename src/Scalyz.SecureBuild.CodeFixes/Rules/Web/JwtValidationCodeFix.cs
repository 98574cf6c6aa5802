using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Web;

/// <summary>Turns a disabled token validation check back on (false -> true).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JwtValidationCodeFix)), Shared]
public sealed class JwtValidationCodeFix() : ReplaceFlaggedExpressionCodeFix("Enable the validation check", DiagnosticIds.JwtValidationDisabled)
{
    protected override ExpressionSyntax Replacement(ExpressionSyntax flagged) => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
}
