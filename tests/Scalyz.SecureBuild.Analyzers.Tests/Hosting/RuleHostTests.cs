using System.CodeDom.Compiler;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;
using Xunit.Abstractions;

namespace Scalyz.SecureBuild.Analyzers.Tests.Hosting;

/// <summary>
/// The one analyzer the compiler loads, SecureBuildAnalyzer, must report exactly what the rules report when the driver runs
/// each alone: the same diagnostics, generated code hidden from the rules that did not ask for it, rules whose every
/// diagnostic is suppressed not started, and a rule that throws not stopping the others.
/// </summary>
public sealed class RuleHostTests(ITestOutputHelper output)
{
    private static readonly string Root = InsecureApiCorpusTests.FindRepositoryRoot();

    [Fact]
    public async Task Host_ReportsExactlyWhatEveryRuleReportsAlone_OnSamplesCorporaAndGeneratedCode()
    {
        var compilation = MixedCompilation(out var additionalFiles);
        var options = new AnalyzerOptions(additionalFiles);
        var alone = new List<string>();
        foreach (var rule in SecureBuildAnalyzer.CreateRules())
        {
            alone.AddRange(Describe(await compilation.WithAnalyzers([rule], options).GetAnalyzerDiagnosticsAsync()));
        }

        var hosted = Describe(await compilation.WithAnalyzers([new SecureBuildAnalyzer()], options).GetAnalyzerDiagnosticsAsync());
        alone.Sort(StringComparer.Ordinal);
        hosted.Sort(StringComparer.Ordinal);
        var ids = alone.Select(d => d[..7]).Distinct().Count();
        output.WriteLine($"{compilation.SyntaxTrees.Length} trees, {alone.Count} diagnostics from {ids} IDs alone, {hosted.Count} hosted");
        Assert.True(ids >= 30, $"the mixed source should exercise most rules; it hit {ids} IDs");
        Assert.Contains(alone, d => d.Contains("Generated.g.cs", StringComparison.Ordinal));
        Assert.Equal(alone, hosted);
    }

    [Fact]
    public async Task KeyedDispatch_ReportsExactlyWhatUnkeyedDispatchReports_OnSamplesCorporaAndGeneratedCode()
    {
        // The rules' key tests only filter: with them ignored (every keyed action called for every operation of its kinds,
        // as before keyed dispatch) the host must report the same, so no test drops an operation a rule reports on.
        var compilation = MixedCompilation(out var additionalFiles);
        var options = new AnalyzerOptions(additionalFiles);
        var keyedRules = SecureBuildAnalyzer.CreateRules().Count(r => Registered(r, compilation).KeyedOperations.Count > 0);
        var unkeyed = Describe(await compilation.WithAnalyzers([new SecureBuildAnalyzer(SecureBuildAnalyzer.CreateRules(), keyedDispatch: false)], options).GetAnalyzerDiagnosticsAsync());
        var keyed = Describe(await compilation.WithAnalyzers([new SecureBuildAnalyzer()], options).GetAnalyzerDiagnosticsAsync());
        unkeyed.Sort(StringComparer.Ordinal);
        keyed.Sort(StringComparer.Ordinal);
        output.WriteLine($"{keyedRules} rules key an operation action; {unkeyed.Count} diagnostics unkeyed, {keyed.Count} keyed");
        Assert.True(keyedRules >= 20, $"most operation rules key their actions; {keyedRules} do");
        Assert.True(unkeyed.Select(d => d[..7]).Distinct().Count() >= 30);
        Assert.Equal(unkeyed, keyed);
    }

    [Fact]
    public async Task KeyedRule_IsCalledOnlyForOperationsOfItsTypes_HostedAsAlone()
    {
        const string Source = """
            class C
            {
                int M(string s)
                {
                    System.Console.WriteLine(s);
                    System.Console.Write(System.Math.Abs(-1));
                    var random = new System.Random();
                    var o = new object();
                    System.Console.Out.WriteLine(o);
                    return random.Next() + s.Length;
                }
            }
            """;
        var compilation = Verify.Compile(Source, []);
        var hostedSpy = new KeyedSpy();
        var hosted = Describe(await compilation.WithAnalyzers([new SecureBuildAnalyzer([new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None), hostedSpy])]).GetAnalyzerDiagnosticsAsync());
        var aloneSpy = new KeyedSpy();
        var alone = Describe(await compilation.WithAnalyzers([aloneSpy]).GetAnalyzerDiagnosticsAsync());
        var unkeyedSpy = new KeyedSpy();
        await compilation.WithAnalyzers([new SecureBuildAnalyzer([unkeyedSpy], keyedDispatch: false)]).GetAnalyzerDiagnosticsAsync();

        // Console.WriteLine, Console.Write, the property Console.Out (a property reference, not a call) and new Random().
        Assert.Equal(["Invocation Console", "Invocation Console", "ObjectCreation Random"], hostedSpy.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(hostedSpy.Calls.Order(StringComparer.Ordinal), aloneSpy.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(alone.Where(d => d.StartsWith("SPY0009", StringComparison.Ordinal)).Order(StringComparer.Ordinal), hosted.Where(d => d.StartsWith("SPY0009", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // Unkeyed, the same rule is called for every call and creation: Math.Abs, TextWriter.WriteLine, Random.Next, new object().
        Assert.Equal(7, unkeyedSpy.Calls.Count);
        Assert.Contains(hosted, d => d.StartsWith("SPY0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyedRule_IsCalledForACreationWithoutASingleKey_HostedAsAlone()
    {
        // new IShell() on a COM interface builds its coclass: the constructor's type is not the created type, so the
        // creation has no single key and every keyed creation action is called for it, as if unkeyed.
        const string Source = """
            using System.Runtime.InteropServices;
            [ComImport, Guid("6D5140C1-7436-11CE-8034-00AA006009FA"), CoClass(typeof(Shell))]
            interface IShell { }
            class Shell : IShell { }
            class C { object M() => new IShell(); }
            """;
        var compilation = Verify.Compile(Source, []);
        var hostedSpy = new KeyedSpy();
        await compilation.WithAnalyzers([new SecureBuildAnalyzer([hostedSpy])]).GetAnalyzerDiagnosticsAsync();
        var aloneSpy = new KeyedSpy();
        await compilation.WithAnalyzers([aloneSpy]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(["ObjectCreation "], hostedSpy.Calls);
        Assert.Equal(["ObjectCreation "], aloneSpy.Calls);
    }

    private static RuleActions Registered(DiagnosticAnalyzer rule, Compilation compilation)
    {
        var registrations = new RuleRegistrations();
        rule.Initialize(new RecordingAnalysisContext(registrations));
        var started = new RuleActions();
        var start = new RecordingStartContext(compilation, new AnalyzerOptions([]), started, CancellationToken.None);
        foreach (var action in registrations.StartActions)
        {
            action(start);
        }

        started.KeyedOperations.AddRange(registrations.Actions.KeyedOperations);
        return started;
    }

    [Fact]
    public async Task GeneratedCode_IsSeenOnlyByRulesThatAskForIt_AsTheDriverDecides()
    {
        var compilation = Verify.Compile(
            "class Hand { void M() { System.Console.WriteLine(); } }",
            [
                "// <auto-generated/>\nclass Header { void M() { System.Console.WriteLine(); } }",
                "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1\")] class Attributed { void M() { System.Console.WriteLine(); } }",
            ]);
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Named { void M() { System.Console.WriteLine(); } }", new CSharpParseOptions(Verify.LanguageVersion), path: "Named.g.cs"));
        var skipping = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None);
        var analyzing = new SpyRule("SPY0002", GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        var alone = Describe(await compilation.WithAnalyzers([new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None)]).GetAnalyzerDiagnosticsAsync())
            .Concat(Describe(await compilation.WithAnalyzers([new SpyRule("SPY0002", GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics)]).GetAnalyzerDiagnosticsAsync()))
            .Order(StringComparer.Ordinal).ToList();
        var hosted = Describe(await compilation.WithAnalyzers([new SecureBuildAnalyzer([skipping, analyzing])]).GetAnalyzerDiagnosticsAsync()).Order(StringComparer.Ordinal).ToList();

        foreach (var line in hosted)
        {
            output.WriteLine(line);
        }

        Assert.Equal(alone, hosted);
        Assert.Contains(hosted, d => d.StartsWith("SPY0001", StringComparison.Ordinal) && d.Contains("Test0.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(hosted, d => d.StartsWith("SPY0001", StringComparison.Ordinal) && (d.Contains("Extra", StringComparison.Ordinal) || d.Contains("Named.g.cs", StringComparison.Ordinal)));
        foreach (var file in new[] { "Test0.cs", "Extra0.cs", "Extra1.cs", "Named.g.cs" })
        {
            Assert.Contains(hosted, d => d.StartsWith("SPY0002", StringComparison.Ordinal) && d.Contains(file, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SuppressedRule_IsNotStarted_ByCompilationOptionsOrGlobalConfig_UnlessATreeTurnsItOn()
    {
        var source = "class C { void M() { System.Security.Cryptography.MD5.Create(); } }";
        var compilation = Verify.Compile(source, []);

        var byOptions = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None);
        var suppressed = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("SPY0001", ReportDiagnostic.Suppress)]));
        var diagnostics = await suppressed.WithAnalyzers([new SecureBuildAnalyzer([byOptions, new Analyzers.Rules.Crypto.WeakHashAnalyzer()])]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(0, byOptions.Starts);
        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.WeakHash);

        var byGlobalConfig = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None);
        var global = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new Severities(global: ReportDiagnostic.Suppress, perTree: null)));
        await global.WithAnalyzers([new SecureBuildAnalyzer([byGlobalConfig, new Analyzers.Rules.Crypto.WeakHashAnalyzer()])]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(0, byGlobalConfig.Starts);

        // A section of .editorconfig that turns the rule back on for some file: the driver runs it, so must the host.
        var onInATree = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None);
        var perTree = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new Severities(global: ReportDiagnostic.Suppress, perTree: ReportDiagnostic.Warn)));
        var treeDiagnostics = await perTree.WithAnalyzers([new SecureBuildAnalyzer([onInATree])]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(1, onInATree.Starts);
        Assert.Contains(treeDiagnostics, d => d.Id == "SPY0001");

        var enabled = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None);
        await compilation.WithAnalyzers([new SecureBuildAnalyzer([enabled])]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(1, enabled.Starts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThrowingRule_DoesNotStopTheOthers_AndIsReportedNamingTheRule(bool throwAtStart)
    {
        var compilation = Verify.Compile("class C { void M() { System.Security.Cryptography.MD5.Create(); } }", []);
        var failures = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => failures.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var thrower = new SpyRule("SPY0001", GeneratedCodeAnalysisFlags.None) { ThrowAtStart = throwAtStart, ThrowOnInvocation = !throwAtStart };

        // The throwing rule comes first, so the other rule only reports if the host ran it after the failure.
        var diagnostics = await compilation.WithAnalyzers([new SecureBuildAnalyzer([thrower, new Analyzers.Rules.Crypto.WeakHashAnalyzer()])], options).GetAnalyzerDiagnosticsAsync();

        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.WeakHash);
        var failure = Assert.Single(failures.Distinct());
        Assert.Contains("SpyRule (SPY0001)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("spy failure", failure.Message, StringComparison.Ordinal);
    }

    // Every C# file of the sample projects, every case of the insecure-API corpus and batches with their stand-ins, and
    // three generated files (by name, by header, by attribute) that repeat insecure calls and a secret.
    private static CSharpCompilation MixedCompilation(out ImmutableArray<AdditionalText> additionalFiles)
    {
        var parse = new CSharpParseOptions(Verify.LanguageVersion);
        var trees = new List<SyntaxTree>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "tests", "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")).Order(StringComparer.Ordinal))
        {
            trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: Path.GetRelativePath(Root, file)));
        }

        var rules = Path.Combine(Root, "tests", "Scalyz.SecureBuild.Analyzers.Tests", "Rules");
        var caseFiles = Directory.GetFiles(Path.Combine(rules, "Crypto", "Corpus"), "*.cases")
            .Concat(Directory.GetFiles(Path.Combine(rules, "Batches"), "*.cases", SearchOption.AllDirectories)).Order(StringComparer.Ordinal);
        var index = 0;
        foreach (var @case in caseFiles.SelectMany(InsecureApiCorpusTests.ReadCases))
        {
            trees.Add(CSharpSyntaxTree.ParseText($"namespace HostCase{index}\n{{\n{@case.Source}\n}}\n", parse, path: $"case{index++}.cs"));
        }

        foreach (var standIns in new[] { File.ReadAllText(Path.Combine(rules, "Batches", "standins.cs.txt")), File.ReadAllText(Path.Combine(rules, "Crypto", "Corpus", "standins.cs.txt")),
            Rules.Web.StandIns.DirectoryServices, Rules.Web.StandIns.SystemWeb, Rules.Web.StandIns.EntityFrameworkCore, Rules.Web.StandIns.Npgsql, Rules.Web.StandIns.IdentityModel })
        {
            trees.Add(CSharpSyntaxTree.ParseText(standIns, parse, path: $"standins{trees.Count}.cs"));
        }

        const string Insecure = """
            {
                private const string Password = "Xq7!vR2#mK9$wL4p";
                public byte[] Hash(byte[] data) => System.Security.Cryptography.MD5.Create().ComputeHash(data);
                public System.Random Random() => new System.Random();
                public string Token = "ghp_4X9Lr2Kp7Qw1Zt8Nv3Bm6Jc5Hd0Fs2Ya9Ue";
            }
            """;
        trees.Add(CSharpSyntaxTree.ParseText("namespace Gen { public class ByName " + Insecure + " }", parse, path: "Generated.g.cs"));
        trees.Add(CSharpSyntaxTree.ParseText("// <auto-generated/>\nnamespace Gen { public class ByHeader " + Insecure + " }", parse, path: "Header.cs"));
        trees.Add(CSharpSyntaxTree.ParseText("namespace Gen { [System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1\")] public class ByAttribute " + Insecure + " }", parse, path: "Attributed.cs"));

        additionalFiles = [.. Directory.GetFiles(Path.Combine(Root, "tests", "samples"), "appsettings*.json", SearchOption.AllDirectories)
            .Select(f => (AdditionalText)new Verify.InMemoryAdditionalText(Path.GetRelativePath(Root, f), File.ReadAllText(f)))];
        return CSharpCompilation.Create("Mixed", trees, Verify.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)} [{string.Join(", ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]")];

    /// <summary>
    /// A test rule that reports every invocation (operation and syntax), method symbol and tree it is shown, so what the
    /// host hides or shows is visible in its diagnostics; it can throw at compilation start or on invocations.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1017 // A test rule: its ID is a parameter so two spies can run side by side.
    private sealed class SpyRule(string id, GeneratedCodeAnalysisFlags generatedCode) : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor rule = new(id, "Spy", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS1017
        private int starts;

        public int Starts => starts;

        public bool ThrowAtStart { get; init; }

        public bool ThrowOnInvocation { get; init; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(generatedCode);
            context.RegisterCompilationStartAction(start =>
            {
                Interlocked.Increment(ref starts);
                start.RegisterOperationAction(c => Report(c.ReportDiagnostic, "operation", c.Operation.Syntax.GetLocation()), OperationKind.Invocation);
                if (ThrowAtStart)
                {
                    throw new InvalidOperationException("spy failure at start");
                }

                start.RegisterSyntaxNodeAction(c => Report(c.ReportDiagnostic, "node", c.Node.GetLocation()), SyntaxKind.InvocationExpression);
                start.RegisterSymbolAction(c => Report(c.ReportDiagnostic, "symbol", c.Symbol.Locations[0]), SymbolKind.Method);
                start.RegisterSyntaxTreeAction(c => Report(c.ReportDiagnostic, "tree", Location.Create(c.Tree, default)));
            });
        }

        private void Report(Action<Diagnostic> report, string what, Location location)
        {
            if (ThrowOnInvocation && what == "operation")
            {
                throw new InvalidOperationException("spy failure on an invocation");
            }

            report(Diagnostic.Create(rule, location, what));
        }
    }

    /// <summary>A rule keyed on System.Console's calls and System.Random's creations, recording what it is called for.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class KeyedSpy : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("SPY0009", "Keyed spy", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public ConcurrentBag<string> Calls { get; } = [];

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var console = start.Compilation.GetTypeByMetadataName("System.Console");
                var random = start.Compilation.GetTypeByMetadataName("System.Random");
                start.RegisterOperationActionForTypes(KeyedOperations.Exactly(console), Record, OperationKind.Invocation);
                start.RegisterOperationActionForTypes(t => t.Name == "Random", Record, OperationKind.ObjectCreation);
            });
        }

        private void Record(OperationAnalysisContext context)
        {
            var key = OperationKeys.Of(context.Operation, out _);
            Calls.Add($"{context.Operation.Kind} {key?.Name}");
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), key?.Name));
        }
    }

    /// <summary>Severities as .editorconfig would give them: a global one for SPY0001 and, optionally, one for every tree.</summary>
    private sealed class Severities(ReportDiagnostic? global, ReportDiagnostic? perTree) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = perTree ?? ReportDiagnostic.Default;
            return perTree is not null && diagnosticId == "SPY0001";
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global ?? ReportDiagnostic.Default;
            return global is not null && diagnosticId == "SPY0001";
        }
    }
}
