using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Xml;

/// <summary>Sets XmlResolver to null, so no external entity or document is fetched.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlResolverCodeFix)), Shared]
public sealed class XmlResolverCodeFix() : ReplaceFlaggedExpressionCodeFix("Set XmlResolver to null", DiagnosticIds.XmlResolver)
{
    protected override ExpressionSyntax Replacement(ExpressionSyntax flagged) => SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression);
}
