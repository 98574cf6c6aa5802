using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Benchmarks.Secrets;

// Usage: Scalyz.SecureBuild.Benchmarks.Secrets <folder with C# sources> [--list] [--runs N]
// Compiles every .cs file under the folder (bin/obj excluded) in memory, then runs the SSB1xxx analyzers and
// SonarAnalyzer.CSharp's hard-coded credential/secret rules (S2068, S6418) in one run, timing each set with Roslyn's
// own per-analyzer execution times, and prints both, their ratio and ours relative to compile time.
if (args.Length == 0 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Scalyz.SecureBuild.Benchmarks.Secrets <folder with C# sources> [--list] [--runs N]");
    return 2;
}

// Each measurement is repeated and the fastest run kept: on a shared machine the minimum is the least noisy estimate.
var runsAt = Array.IndexOf(args, "--runs");
var runs = runsAt > 0 && runsAt + 1 < args.Length && int.TryParse(args[runsAt + 1], out var n) && n > 0 ? n : 1;

var files = Directory.EnumerateFiles(args[0], "*.cs", SearchOption.AllDirectories)
    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
             && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal)
    .ToList();
var texts = files.Select(File.ReadAllText).ToList();
var lines = texts.Sum(t => t.Count(c => c == '\n') + 1);
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .ToList();

var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var compileTime = TimeSpan.MaxValue;
List<SyntaxTree> trees = [];
CSharpCompilation compilation = null!;
for (var run = 0; run < runs; run++)
{
    var compileClock = Stopwatch.StartNew();
    trees = files.Select((f, i) => CSharpSyntaxTree.ParseText(texts[i], parseOptions, path: f)).ToList();
    compilation = CSharpCompilation.Create("Benchmark", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    using (var peStream = new MemoryStream())
    {
        compilation.Emit(peStream);
    }

    compileClock.Stop();
    compileTime = compileClock.Elapsed < compileTime ? compileClock.Elapsed : compileTime;
}

// The floor any syntax-based rule pays: visiting every token and its trivia once.
var walkClock = Stopwatch.StartNew();
var tokenCount = 0L;
foreach (var tree in trees)
{
    foreach (var token in tree.GetRoot().DescendantTokens())
    {
        tokenCount += 1 + token.LeadingTrivia.Count + token.TrailingTrivia.Count;
    }
}

walkClock.Stop();

var ours = ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedSecretAnalyzer(), new ConfigFileSecretAnalyzer());
var sonarPath = typeof(HardcodedSecretAnalyzer).Assembly.GetName().Name is not null
    ? Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SonarAnalyzerPath").Value!
    : string.Empty;
var sonar = new AnalyzerFileReference(sonarPath, new LoaderFromFolder()).GetAnalyzers(LanguageNames.CSharp)
    .Where(a => a.SupportedDiagnostics.Any(d => d.Id is "S2068" or "S6418"))
    .ToImmutableArray();
if (sonar.IsEmpty)
{
    Console.Error.WriteLine($"No S2068/S6418 analyzer found in {sonarPath}.");
    return 3;
}

// Sonar reads its rule parameters from SonarLint.xml; without it S2068/S6418 run with their defaults.
var all = ours.AddRange(sonar);

// Warm-up on a small compilation, so one-time costs (JIT, loading the catalog, Sonar's start-up) are not charged to
// the codebase: an IDE pays them once per session, not per keystroke.
var warmUp = CSharpCompilation.Create("WarmUp", [CSharpSyntaxTree.ParseText(
    "class W { string password = \"Tr0ub4dor-3x\"; string url = \"https://u:p4ss@h\"; /* token: abc */ }", parseOptions)], references);
await warmUp.WithAnalyzers(all).GetAnalyzerDiagnosticsAsync();
var oursTime = TimeSpan.MaxValue;
var sonarTime = TimeSpan.MaxValue;
var analysisTime = TimeSpan.MaxValue;
ImmutableArray<Diagnostic> diagnostics = [];
for (var run = 0; run < runs; run++)
{
    var analysis = compilation.WithAnalyzers(all, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
    var analysisClock = Stopwatch.StartNew();
    diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
    analysisClock.Stop();
    var oursRun = TimeSpan.Zero;
    var sonarRun = TimeSpan.Zero;
    foreach (var analyzer in all)
    {
        var telemetry = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        if (ours.Contains(analyzer))
        {
            oursRun += telemetry.ExecutionTime;
        }
        else
        {
            sonarRun += telemetry.ExecutionTime;
        }
    }

    oursTime = oursRun < oursTime ? oursRun : oursTime;
    sonarTime = sonarRun < sonarTime ? sonarRun : sonarTime;
    analysisTime = analysisClock.Elapsed < analysisTime ? analysisClock.Elapsed : analysisTime;
}

var ourDiagnostics = diagnostics.Where(d => d.Id.StartsWith("SSB1", StringComparison.Ordinal)).ToList();
var sonarDiagnostics = diagnostics.Where(d => d.Id is "S2068" or "S6418").ToList();
Console.WriteLine($"codebase: {args[0]}");
Console.WriteLine($"files: {files.Count}, lines: {lines}, fastest of {runs} run(s)");
Console.WriteLine($"compile (parse + bind + emit): {compileTime.TotalMilliseconds:F0} ms");
Console.WriteLine($"token walk floor ({tokenCount} tokens and trivia): {walkClock.Elapsed.TotalMilliseconds:F0} ms");
Console.WriteLine($"SSB1xxx analyzers: {oursTime.TotalMilliseconds:F1} ms ({100 * oursTime.TotalMilliseconds / compileTime.TotalMilliseconds:F2}% of compile), {ourDiagnostics.Count} diagnostics, {1000.0 * ourDiagnostics.Count / lines:F3} per 1,000 lines");
Console.WriteLine($"Sonar S2068/S6418: {sonarTime.TotalMilliseconds:F1} ms, {sonarDiagnostics.Count} diagnostics");
Console.WriteLine($"ratio SSB1xxx / Sonar: {oursTime.TotalMilliseconds / sonarTime.TotalMilliseconds:F3}");
Console.WriteLine($"analysis wall clock (both sets): {analysisTime.TotalMilliseconds:F0} ms");
if (args.Contains("--list"))
{
    foreach (var diagnostic in ourDiagnostics.Concat(sonarDiagnostics))
    {
        Console.WriteLine($"  {diagnostic}");
    }
}

return 0;

namespace Scalyz.SecureBuild.Benchmarks.Secrets
{
    /// <summary>Loads analyzer assemblies from their path.</summary>
    internal sealed class LoaderFromFolder : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
