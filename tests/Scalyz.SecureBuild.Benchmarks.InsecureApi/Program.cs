using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers;

// Usage: dotnet run -c Release --project tests/Scalyz.SecureBuild.Benchmarks.InsecureApi -- <folder with C# sources> [iterations] [--list]
//    or: ... -- --corpus tests/Scalyz.SecureBuild.Analyzers.Tests/Rules/Crypto/Corpus   (recall/precision of both on the held-out corpus)
// Compiles every .cs file under the folder in memory (against the running runtime's assemblies), then times every SSB2xxx
// analyzer of Scalyz.SecureBuild.Analyzers and every SecurityCodeScan 5.6.7 analyzer over that same compilation.
if (args is ["--corpus", var corpusFolder])
{
    return await CorpusComparison.RunAsync(corpusFolder);
}

if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Scalyz.SecureBuild.Benchmarks.InsecureApi <folder with C# sources> [iterations]");
    return 2;
}

var list = args.Contains("--list");
args = args.Where(a => a != "--list").ToArray();
var iterations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var files = Directory.EnumerateFiles(args[0], "*.cs", SearchOption.AllDirectories)
    .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
    .Order(StringComparer.Ordinal)
    .ToList();
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, path: f)).ToList();
var lines = trees.Sum(t => t.GetText().Lines.Count);
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f.StartsWith("Microsoft.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
    .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .ToList();
var compilation = CSharpCompilation.Create("Benchmark", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

var ours = SecureBuildAnalyzer.CreateRules()
    .Where(a => a.SupportedDiagnostics.Any(d => d.Id.StartsWith("SSB2", StringComparison.Ordinal)))
    .ToImmutableArray();
var scsPath = Path.Combine(AppContext.BaseDirectory, "scs", "SecurityCodeScan.VS2019.dll");
var scs = Assembly.LoadFrom(scsPath).GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)) && t.GetConstructor(Type.EmptyTypes) is not null)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

Console.WriteLine($"codebase: {args[0]}: {files.Count} files, {lines:N0} lines, {compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error):N0} compile errors (missing packages; both sets see the same compilation)");
Console.WriteLine($"analyzers: {ours.Length} Scalyz.SecureBuild SSB2xxx, {scs.Length} SecurityCodeScan.VS2019 5.6.7");

var oursRuns = new List<Run>();
var scsRuns = new List<Run>();
for (var i = 0; i < iterations; i++)
{
    // Alternating the order spreads warm-up and machine noise over both sides.
    if (i % 2 == 0)
    {
        oursRuns.Add(await RunAsync(compilation, ours));
        scsRuns.Add(await RunAsync(compilation, scs));
    }
    else
    {
        scsRuns.Add(await RunAsync(compilation, scs));
        oursRuns.Add(await RunAsync(compilation, ours));
    }
}

var oursMedian = Median(oursRuns);
var scsMedian = Median(scsRuns);
Console.WriteLine($"{"",-28}{"wall (median)",16}{"analyzer time (median)",26}{"diagnostics",14}");
Console.WriteLine($"{"Scalyz.SecureBuild SSB2xxx",-28}{oursMedian.Wall.TotalMilliseconds,13:N0} ms{oursMedian.AnalyzerTime.TotalMilliseconds,23:N0} ms{oursMedian.Diagnostics,14:N0}");
Console.WriteLine($"{"SecurityCodeScan 5.6.7",-28}{scsMedian.Wall.TotalMilliseconds,13:N0} ms{scsMedian.AnalyzerTime.TotalMilliseconds,23:N0} ms{scsMedian.Diagnostics,14:N0}");
Console.WriteLine($"ratio ours/SCS: wall {oursMedian.Wall / scsMedian.Wall:0.00}, analyzer time {oursMedian.AnalyzerTime / scsMedian.AnalyzerTime:0.00}");
foreach (var group in oursMedian.ById.Concat(scsMedian.ById).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {group.Key}: {group.Value}");
}

if (list)
{
    // For reviewing precision on real code: where each of our diagnostics landed.
    foreach (var diagnostic in oursMedian.Found.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
    {
        var span = diagnostic.Location.GetLineSpan();
        Console.WriteLine($"  {Path.GetRelativePath(args[0], span.Path)}({span.StartLinePosition.Line + 1}): {diagnostic.Id} {diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)}");
    }
}

return 0;

static async Task<Run> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
    var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
    var stopwatch = Stopwatch.StartNew();
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    stopwatch.Stop();
    var analyzerTime = TimeSpan.Zero;
    foreach (var analyzer in analyzers)
    {
        analyzerTime += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
    }

    var byId = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
    return new Run(stopwatch.Elapsed, analyzerTime, diagnostics.Length, byId, diagnostics);
}

static Run Median(List<Run> runs) => runs.OrderBy(r => r.AnalyzerTime).ElementAt(runs.Count / 2);

internal sealed record Run(TimeSpan Wall, TimeSpan AnalyzerTime, int Diagnostics, Dictionary<string, int> ById, ImmutableArray<Diagnostic> Found);
