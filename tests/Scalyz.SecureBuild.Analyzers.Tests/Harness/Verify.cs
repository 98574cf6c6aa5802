using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Analyzers.Tests.Harness;

/// <summary>
/// Runs an analyzer (and a code fix) on a marked-up snippet through Microsoft.CodeAnalysis.Testing (the Roslyn SDK's
/// analyzer and code-fix testing library) and compares the diagnostics with the markers. The snippet is compiled
/// against the running runtime's assemblies (plus ASP.NET Core), so no reference package is downloaded. The same
/// facade runs in both test projects: Scalyz.SecureBuild.Analyzers.Tests on the Roslyn 4.5 build of the analyzers and
/// Scalyz.SecureBuild.Analyzers.Tests.Roslyn4.14 on the Roslyn 4.14 build.
/// </summary>
public static class Verify
{
    private const string SourcePath = "Test0.cs";

    private static readonly Lazy<MetadataReference[]> Refs = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f.StartsWith("Microsoft.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The references every snippet is compiled against: the running runtime's assemblies, ASP.NET Core included.</summary>
    public static IReadOnlyList<MetadataReference> References => Refs.Value;

    /// <summary>
    /// The language version snippets are parsed with: the newest the build's compiler has. The Roslyn 4.14 project takes
    /// preview so that C# 14 cases (null-conditional assignment) parse; the 4.5 project stays on C# 11.
    /// </summary>
    public static LanguageVersion LanguageVersion =>
#if ROSLYN_4_14_OR_GREATER
        LanguageVersion.Preview;
#else
        LanguageVersion.Latest;
#endif

    /// <summary>Extra source compiled with the snippet (e.g. stand-ins for third-party APIs such as Json.NET or Npgsql).</summary>
    public static async Task AnalyzerAsync<TAnalyzer>(string marked, params string[] additionalSources)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        await AnalyzerAsync(new TAnalyzer(), marked, [], additionalSources);

    /// <summary>Runs <paramref name="analyzer"/> over the snippet and AdditionalFiles (path, marked text) and compares with the markers.</summary>
    public static async Task AnalyzerAsync(DiagnosticAnalyzer analyzer, string marked, (string Path, string MarkedText)[] additionalFiles, string[] additionalSources, string? editorConfig = null)
    {
        var defaultId = analyzer.SupportedDiagnostics[0].Id;
        var (source, expectedInSource) = Markup.Parse(marked, defaultId);
        var test = new Test([analyzer], [], editorConfig) { TestCode = source };
        test.TestState.ExpectedDiagnostics.AddRange(Expected(SourcePath, source, expectedInSource));
        foreach (var (path, markedText) in additionalFiles)
        {
            var (text, expectedInFile) = Markup.Parse(markedText, defaultId);
            test.TestState.AdditionalFiles.Add((path, text));
            test.TestState.ExpectedDiagnostics.AddRange(Expected(path, text, expectedInFile));
        }

        AddSources(test.TestState, additionalSources);
        await test.RunAsync();
    }

    /// <summary>Returns the diagnostics of <paramref name="analyzer"/> on plain source (for message assertions).</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(DiagnosticAnalyzer analyzer, string source, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = Compile(source, []);
        var options = new AnalyzerOptions([.. additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))], new EditorConfigOptionsProvider(null));
        return await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>
    /// Applies the first code action of <typeparamref name="TFix"/> to the first diagnostic it fixes and compares the
    /// whole text; the result must compile. Markers are not compared here (the analyzer tests do that); when the
    /// snippet has a single fixable diagnostic, Fix All in document, project and solution must give the same text.
    /// </summary>
    public static async Task CodeFixAsync<TAnalyzer, TFix>(string marked, string expectedAfter, params string[] additionalSources)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var (source, _) = Markup.Parse(marked, analyzer.SupportedDiagnostics[0].Id);
        var before = await FixableAsync(analyzer, fix, source, additionalSources);
        var after = await ActualAsync(analyzer, expectedAfter, additionalSources);
        var fixable = before.Count(d => fix.FixableDiagnosticIds.Contains(d.Id));
        var test = new Test([analyzer], [fix], null)
        {
            TestCode = source,
            FixedCode = expectedAfter,
            CodeActionIndex = 0,
            NumberOfIncrementalIterations = 1,
            CodeFixTestBehaviors = fixable == 1 ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck,
        };
        if (fixable == 1)
        {
            test.NumberOfFixAllIterations = 1;
        }

        test.TestState.ExpectedDiagnostics.AddRange(before);
        test.FixedState.ExpectedDiagnostics.AddRange(after);
        AddSources(test.TestState, additionalSources);
        AddSources(test.FixedState, additionalSources);
        await test.RunAsync();
    }

    /// <summary>
    /// Fix All: the markers must be exactly the analyzer's diagnostics; fixing them one by one and with Fix All (in
    /// document, project and solution, in <paramref name="fixAllIterations"/> passes) must both give <paramref name="expectedAfter"/>,
    /// which must compile and carry no diagnostic of the rule left.
    /// </summary>
    public static async Task FixAllAsync<TAnalyzer, TFix>(string marked, string expectedAfter, int fixAllIterations = 1, params string[] additionalSources)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var analyzer = new TAnalyzer();
        var (source, expected) = Markup.Parse(marked, analyzer.SupportedDiagnostics[0].Id);
        var test = new Test([analyzer], [new TFix()], null)
        {
            TestCode = source,
            FixedCode = expectedAfter,
            BatchFixedCode = expectedAfter,
            NumberOfFixAllIterations = fixAllIterations,
        };
        test.TestState.ExpectedDiagnostics.AddRange(Expected(SourcePath, source, expected));
        AddSources(test.TestState, additionalSources);
        AddSources(test.FixedState, additionalSources);
        AddSources(test.BatchFixedState, additionalSources);
        await test.RunAsync();
    }

    private static void AddSources(SolutionState state, string[] additionalSources)
    {
        foreach (var (extra, index) in additionalSources.Select((s, i) => (s, i)))
        {
            state.Sources.Add(($"Extra{index}.cs", extra));
        }
    }

    private static IEnumerable<DiagnosticResult> Expected(string path, string text, IEnumerable<(string Id, TextSpan Span)> markers)
    {
        var lines = SourceText.From(text).Lines;
        return markers.Select(m => new DiagnosticResult(m.Id, DiagnosticSeverity.Warning)
            .WithSpan(new FileLinePositionSpan(path, lines.GetLinePositionSpan(m.Span)))
            .WithOptions(DiagnosticOptions.IgnoreSeverity | DiagnosticOptions.IgnoreAdditionalLocations));
    }

    // What the analyzer reports on a snippet, as expectations: the code-fix check compares text, not markers.
    private static async Task<DiagnosticResult[]> ActualAsync(DiagnosticAnalyzer analyzer, string source, string[] additionalSources) =>
        AsExpected(await Compile(source, additionalSources).WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync());

    // The diagnostics before the fix; the fix must offer an action on the first one it fixes in the snippet, or NotEmpty fails
    // (a test can prove that no fix that would break the build is offered).
    private static async Task<DiagnosticResult[]> FixableAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string source, string[] additionalSources)
    {
        var compilation = Compile(source, additionalSources);
        var diagnostics = await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
        var first = diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id) && d.Location.SourceTree?.FilePath == SourcePath).OrderBy(d => d.Location.SourceSpan.Start).First();
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("T", LanguageNames.CSharp)
            .WithCompilationOptions(compilation.Options)
            .WithParseOptions(new CSharpParseOptions(LanguageVersion))
            .AddMetadataReferences(Refs.Value);
        var document = project.AddDocument(SourcePath, SourceText.From(source), filePath: SourcePath);
        var offered = 0;
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, first, (_, _) => offered++, CancellationToken.None));
        Assert.NotEmpty(Enumerable.Range(0, offered));
        return AsExpected(diagnostics);
    }

    private static DiagnosticResult[] AsExpected(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => new DiagnosticResult(d.Id, d.Severity).WithSpan(d.Location.GetLineSpan()).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations))];

    /// <summary>The testing library's C# test, on the runtime's assemblies, with our parse/compile options and .editorconfig reading.</summary>
    private sealed class Test : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
    {
        private static readonly ReferenceAssemblies NoPackages = new("net10.0");
        private readonly DiagnosticAnalyzer[] _analyzers;
        private readonly CodeFixProvider[] _fixes;
        private readonly string? _editorConfig;

        public Test(DiagnosticAnalyzer[] analyzers, CodeFixProvider[] fixes, string? editorConfig)
        {
            _analyzers = analyzers;
            _fixes = fixes;
            _editorConfig = editorConfig;
            ReferenceAssemblies = NoPackages;
            foreach (var state in new[] { TestState, FixedState, BatchFixedState })
            {
                state.AdditionalReferences.AddRange(Refs.Value);
                state.MarkupHandling = MarkupMode.None;
            }

            // The generated-code and #pragma variants would run every case three times; two secret rules report in generated code on purpose.
            TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        }

        protected override string DefaultFilePathPrefix => "Test";

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _analyzers;

        protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => _fixes;

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion);

        protected override CompilationOptions CreateCompilationOptions() =>
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

        protected override AnalyzerOptions GetAnalyzerOptions(Project project) =>
            new([.. base.GetAnalyzerOptions(project).AdditionalFiles], new EditorConfigOptionsProvider(_editorConfig));
    }

    /// <summary>Compiles the snippet; it must compile without errors, so tests never pass on broken code.</summary>
    public static CSharpCompilation Compile(string source, string[] additionalSources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion);
        var trees = new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path: "Test0.cs") }
            .Concat(additionalSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Extra{i}.cs")));
        var compilation = CSharpCompilation.Create("T", trees, Refs.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        return compilation;
    }

    // Spans are shown with the code they cover, so a failing test says what was (not) flagged, not just offsets.
    private static List<string> Describe(IEnumerable<(string Path, string Id, TextSpan Span)> diagnostics, string source) =>
        diagnostics.Select(d => $"{d.Path} {d.Id} {d.Span} '{(d.Path == "Test0.cs" && d.Span.End <= source.Length ? source.Substring(d.Span.Start, d.Span.Length) : "")}'").ToList();

    internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class EditorConfigOptionsProvider(string? editorConfig) : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _global = new(ParseEditorConfig(editorConfig));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _global;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;

        private static Dictionary<string, string> ParseEditorConfig(string? text)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in (text ?? string.Empty).Split('\n'))
            {
                var trimmed = line.Trim();
                var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && !trimmed.StartsWith('#') && !trimmed.StartsWith('['))
                {
                    values[trimmed[..equals].Trim()] = trimmed[(equals + 1)..].Trim();
                }
            }

            return values;
        }
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
