using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Analyzers.Tests.Harness;

/// <summary>
/// Compiles a marked-up snippet against the running runtime's assemblies, runs an analyzer (and a code fix) on it
/// and compares the diagnostics with the markers. Stands in for Microsoft.CodeAnalysis.Testing, which the mirror lacks.
/// </summary>
public static class Verify
{
    private static readonly Lazy<MetadataReference[]> Refs = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f.StartsWith("Microsoft.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>Extra source compiled with the snippet (e.g. stand-ins for third-party APIs such as Json.NET or Npgsql).</summary>
    public static async Task AnalyzerAsync<TAnalyzer>(string marked, params string[] additionalSources)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        await AnalyzerAsync(new TAnalyzer(), marked, [], additionalSources);

    /// <summary>Runs <paramref name="analyzer"/> over the snippet and AdditionalFiles (path, marked text) and compares with the markers.</summary>
    public static async Task AnalyzerAsync(DiagnosticAnalyzer analyzer, string marked, (string Path, string MarkedText)[] additionalFiles, string[] additionalSources, string? editorConfig = null)
    {
        var defaultId = analyzer.SupportedDiagnostics[0].Id;
        var (source, expectedInSource) = Markup.Parse(marked, defaultId);
        var expected = expectedInSource.Select(e => ("Test0.cs", e.Id, e.Span)).ToList();
        var texts = new List<AdditionalText>();
        foreach (var (path, markedText) in additionalFiles)
        {
            var (text, expectedInFile) = Markup.Parse(markedText, defaultId);
            texts.Add(new InMemoryAdditionalText(path, text));
            expected.AddRange(expectedInFile.Select(e => (path, e.Id, e.Span)));
        }

        var compilation = Compile(source, additionalSources);
        var options = new AnalyzerOptions([.. texts], new EditorConfigOptionsProvider(editorConfig));
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
        var actual = diagnostics
            .Select(d => (Path: d.Location.GetLineSpan().Path, d.Id, d.Location.SourceSpan))
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var wanted = expected.OrderBy(d => d.Item1, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(Describe(wanted, source), Describe(actual, source));
    }

    /// <summary>Returns the diagnostics of <paramref name="analyzer"/> on plain source (for message assertions).</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(DiagnosticAnalyzer analyzer, string source, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = Compile(source, []);
        var options = new AnalyzerOptions([.. additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))], new EditorConfigOptionsProvider(null));
        return await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>Applies the first code action of <typeparamref name="TFix"/> to the first diagnostic and compares the whole text; the result must compile.</summary>
    public static async Task CodeFixAsync<TAnalyzer, TFix>(string marked, string expectedAfter, params string[] additionalSources)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var analyzer = new TAnalyzer();
        var (source, _) = Markup.Parse(marked, analyzer.SupportedDiagnostics[0].Id);
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("T", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(Refs.Value);
        foreach (var (extra, index) in additionalSources.Select((s, i) => (s, i)))
        {
            project = project.AddDocument($"Extra{index}.cs", extra).Project;
        }

        var document = project.AddDocument("Test0.cs", SourceText.From(source));
        var compilation = await document.Project.GetCompilationAsync();
        var diagnostics = await compilation!.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
        var fix = new TFix();
        var diagnostic = diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id) && d.Location.SourceTree?.FilePath == "Test0.cs").OrderBy(d => d.Location.SourceSpan.Start).First();
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        Assert.NotEmpty(actions);
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();
        Assert.Equal(expectedAfter.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        var after = await changed.Project.GetCompilationAsync();
        Assert.Empty(after!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    /// <summary>Compiles the snippet; it must compile without errors, so tests never pass on broken code.</summary>
    public static CSharpCompilation Compile(string source, string[] additionalSources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path: "Test0.cs") }
            .Concat(additionalSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Extra{i}.cs")));
        var compilation = CSharpCompilation.Create("T", trees, Refs.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        return compilation;
    }

    // Spans are shown with the code they cover, so a failing test says what was (not) flagged, not just offsets.
    private static List<string> Describe(IEnumerable<(string Path, string Id, TextSpan Span)> diagnostics, string source) =>
        diagnostics.Select(d => $"{d.Path} {d.Id} {d.Span} '{(d.Path == "Test0.cs" && d.Span.End <= source.Length ? source.Substring(d.Span.Start, d.Span.Length) : "")}'").ToList();

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
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
