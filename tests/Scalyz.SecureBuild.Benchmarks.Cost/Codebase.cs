using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Benchmarks.Cost;

/// <summary>A folder of C# sources read once; every measurement parses and compiles it afresh from these texts.</summary>
internal sealed class Codebase
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly CSharpCompilationOptions compilationOptions;
    private readonly List<MetadataReference> references;

    private Codebase(IReadOnlyList<string> files, IReadOnlyList<SourceText> texts, List<MetadataReference> references, CSharpCompilationOptions compilationOptions)
    {
        Files = files;
        Texts = texts;
        this.references = references;
        this.compilationOptions = compilationOptions;
        Lines = texts.Sum(t => t.Lines.Count);
        CompileErrors = Create(Parse()).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    }

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<SourceText> Texts { get; }

    public int Lines { get; }

    public int CompileErrors { get; }

    public static Codebase Load(string folder, bool nullable, bool serialBind = false)
    {
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var texts = files.Select(f => SourceText.From(File.ReadAllText(f))).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

        // Every rule of every measured set is switched on, so that a rule disabled by default is measured too.
        var allRules = AnalyzerSets.Ours().Rules().SelectMany(a => a.Analyzer.SupportedDiagnostics)
            .Concat(AnalyzerSets.SonarSecurity().SelectMany(a => a.SupportedDiagnostics))
            .Where(d => !d.IsEnabledByDefault)
            .Select(d => d.Id)
            .Distinct(StringComparer.Ordinal)
            .Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Warn));
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable, concurrentBuild: !serialBind)
            .WithSpecificDiagnosticOptions(allRules);
        return new Codebase(files, texts, references, compilationOptions);
    }

    public List<SyntaxTree> Parse() =>
        [.. Texts.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, Files[i]))];

    public CSharpCompilation Create(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Benchmark", trees, references, compilationOptions);
}
