using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

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

    // The testing library's verifier reports a mismatch as InvalidOperationException with the diagnostics it found.
    [Fact]
    public Task Analyzer_MissingMarker_Fails() =>
        FailsWith("""class C { string s = "flag"; }""", "expected \"0\" actual \"1\"", "TEST0001");

    [Fact]
    public Task Analyzer_ExtraMarker_Fails() =>
        FailsWith("""class C { string s = [|"ok"|]; }""", "expected \"1\" actual \"0\"");

    [Fact]
    public Task Analyzer_MisplacedMarker_Fails() =>
        FailsWith("""class C { string s = "flag"; string t = [|"ok"|]; }""", "Expected diagnostic to start at column");

    [Fact]
    public Task Analyzer_SnippetThatDoesNotCompile_Fails() =>
        FailsWith("""class C { int s = [|"flag"|]; }""", "CS0029");

    [Fact]
    public Task Analyzer_WrongRuleId_Fails() =>
        FailsWith("""class C { string s = {|TEST0002:"flag"|}; }""", "TEST0002");

    [Fact]
    public Task FixAll_FixThatLeavesTheCodeUnchanged_Fails() =>
        Assert.ThrowsAnyAsync<Exception>(() => Verify.FixAllAsync<FlagLiteralAnalyzer, NoChangeFix>("""class C { string s = [|"flag"|]; }""", """class C { string s = "fixed"; }"""));

    private static async Task FailsWith(string marked, params string[] messageParts)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Verify.AnalyzerAsync<FlagLiteralAnalyzer>(marked));
        foreach (var part in messageParts)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    // Offers an action that changes nothing: Fix All must notice that the expected text was not reached.
    private sealed class NoChangeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ["TEST0001"];

        public override Microsoft.CodeAnalysis.CodeFixes.FixAllProvider GetFixAllProvider() => Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(Microsoft.CodeAnalysis.CodeFixes.CodeFixContext context)
        {
            context.RegisterCodeFix(Microsoft.CodeAnalysis.CodeActions.CodeAction.Create("none", _ => Task.FromResult(context.Document), "none"), context.Diagnostics);
            return Task.CompletedTask;
        }
    }

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
