using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Scalyz.SecureBuild.Analyzers.Tests.Harness;

/// <summary>The harness itself must catch a missing, an extra and a misplaced diagnostic, or rule tests prove nothing.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void Parse_PlainAndNamedMarkers_ReturnsSourceAndSpans()
    {
        var (source, expected) = Markup.Parse("""a [|bc|] d {|SSB9999:ef|}""", "SSB0000");

        Assert.Equal("a bc d ef", source);
        Assert.Equal([("SSB0000", new TextSpan(2, 2)), ("SSB9999", new TextSpan(7, 2))], expected);
    }

    [Fact]
    public void Parse_UnclosedMarker_Throws() => Assert.Throws<FormatException>(() => Markup.Parse("a [|b", "X"));

    [Fact]
    public Task Analyzer_MatchingMarkers_Passes() =>
        Verify.AnalyzerAsync<FlagLiteralAnalyzer>("""class C { string s = [|"flag"|]; string t = "ok"; }""");

    [Fact]
    public Task Analyzer_MissingMarker_Fails() =>
        Assert.ThrowsAsync<EqualException>(() => Verify.AnalyzerAsync<FlagLiteralAnalyzer>("""class C { string s = "flag"; }"""));

    [Fact]
    public Task Analyzer_ExtraMarker_Fails() =>
        Assert.ThrowsAsync<EqualException>(() => Verify.AnalyzerAsync<FlagLiteralAnalyzer>("""class C { string s = [|"ok"|]; }"""));

    [Fact]
    public Task Analyzer_SnippetThatDoesNotCompile_Fails() =>
        Assert.ThrowsAsync<EmptyException>(() => Verify.AnalyzerAsync<FlagLiteralAnalyzer>("""class C { int s = "flag"; }"""));

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class FlagLiteralAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    if (((LiteralExpressionSyntax)c.Node).Token.ValueText == "flag")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation()));
                    }
                },
                SyntaxKind.StringLiteralExpression);
        }
    }
}
