using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Xml;

/// <summary>Replaces DtdProcessing.Parse with DtdProcessing.Prohibit (and ProhibitDtd = false with true).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlDtdProcessingCodeFix)), Shared]
public sealed class XmlDtdProcessingCodeFix() : ReplaceFlaggedExpressionCodeFix("Prohibit DTD processing", DiagnosticIds.XmlDtdProcessing)
{
    protected override ExpressionSyntax Replacement(ExpressionSyntax flagged) => flagged switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression) => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
        MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName("Prohibit")),
        _ => SyntaxFactory.ParseExpression("System.Xml.DtdProcessing.Prohibit"),
    };
}
