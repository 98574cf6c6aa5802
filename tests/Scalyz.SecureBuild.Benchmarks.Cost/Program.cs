using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Benchmarks.Cost;

// Usage: dotnet run -c Release --project tests/Scalyz.SecureBuild.Benchmarks.Cost -- <folder with C# sources>
//            [--runs N] [--family-runs N] [--ide-runs N] [--no-families] [--families A,B] [--no-sonar] [--nullable]
//            [--callbacks-only] [--callback-runs N] [--profile] [--profile-runs N]
//            [--compare <other build's Scalyz.SecureBuild.Analyzers.dll>]
// The folder is a checkout of someone else's code brought to this machine at run time (never part of this repository),
// e.g. Newtonsoft.Json's Src/Newtonsoft.Json or ImageSharp's src. Every .cs file under it (bin/obj excluded) is parsed and
// compiled in memory against the running runtime's assemblies. Each configuration is measured as the issue defines it:
// parse + GetAnalyzerDiagnostics on a fresh compilation, against parse + GetDiagnostics (no analyzer); the runs of all
// configurations are interleaved so that a busy machine slows them alike, and the median is reported.
// The compilation uses the compiler's default options (nullable analysis off, as the issue's measure did; a nullable-
// annotated file still turns it on with #nullable). --nullable turns it on for the whole project as Newtonsoft.Json's and
// ImageSharp's projects do: the driver then pays nullable analysis again in the semantic models it builds for operation
// trees, which raises every floor.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Scalyz.SecureBuild.Benchmarks.Cost <folder with C# sources> [--runs N] [--family-runs N] [--ide-runs N] [--no-families] [--families A,B] [--no-sonar] [--nullable] [--callbacks-only] [--callback-runs N] [--profile] [--profile-runs N] [--compare <dll>]");
    return 2;
}

var codebase = Codebase.Load(options.Folder, options.Nullable, options.SerialBind);
Console.WriteLine($"# Analyzer cost on {options.Folder}");
Console.WriteLine();
Console.WriteLine($"{codebase.Files.Count:N0} files, {codebase.Lines:N0} lines, {codebase.CompileErrors:N0} compile errors (packages the folder needs are absent; every configuration sees the same compilation)");
Console.WriteLine($"Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}, nullable analysis {(options.Nullable ? "on (--nullable)" : "off (compiler default)")}, compiler binding {(options.SerialBind ? "on one thread (--serial-bind)" : "concurrent")}, {Environment.ProcessorCount} cores, load average before: {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();

var ours = AnalyzerSets.Ours();
var rules = ours.Rules();
if (options.Profile)
{
    // Each rule's callbacks called apart from the driver, on one thread, timed in that thread's CPU time (see Profile.cs):
    // the steadiest figure on a shared machine, to steer by while tuning rules.
    // With --compare, the other build's rules are timed in the same rounds and printed beside ours.
    var compared = options.Compare is null ? [] : AnalyzerSets.FromFile(options.Compare)?.Rules() ?? [];
    var profiled = await Profile.RulesAsync(codebase, [.. rules, .. compared], options.ProfileRuns);
    Report.Profile(profiled.Rules.Take(rules.Length).ToList(), profiled.Rules.Skip(rules.Length).ToList(), options.ProfileRuns, profiled.KeyedDispatch, profiled.KeyedOperations);
    var (ruleStarts, hostStart) = Profile.StartCost(codebase, rules, ours.Analyzers()[0], options.ProfileRuns);
    Console.WriteLine($"Every rule initialized and started on a compilation forked by one edit (median of {options.ProfileRuns}, one thread's CPU time): {ruleStarts.TotalMilliseconds:N1} ms; through the host: {hostStart.TotalMilliseconds:N1} ms");
    Console.WriteLine($"load average after: {LoadAverage()}");
    return 0;
}

if (options.CallbacksOnly)
{
    // Only the per-rule callback times (median of --callback-runs runs), each rule registered as an analyzer of its own so
    // that Roslyn times it apart: a quick loop while tuning one rule, steadier than wall-clock ratios on a busy machine.
    Report.Callbacks(await Measure.CallbackTimesAsync(codebase, rules, options.CallbackRuns), top: int.MaxValue);
    Console.WriteLine($"load average after: {LoadAverage()}");
    return 0;
}

var configs = new List<Config>
{
    new("parse + bind, no analyzer", []),
    new("floor: empty syntax-node analyzer", [new EmptySyntaxNodeAnalyzer()]),
    new("floor: empty operation analyzer", [new EmptyOperationAnalyzer()]),
    new("floor: empty operation + string-literal syntax-node analyzer", [new EmptyOperationAndLiteralAnalyzer()]),
    new("floor: empty operation analyzer that also analyzes generated code", [new EmptyOperationAnalyzer(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics)]),
    new("floor: semantic-model walk, GetOperation on candidates", [new CandidateOperationWalker()]),
    new("floor: syntax-tree walk, no semantics", [new TreeWalkAnalyzer()]),
    new("floor: syntax-tree walk, GetOperation on named calls", [new TreeWalkNamedCandidates()]),
    new("floor: hollow Scalyz.SecureBuild", ours.Hollow()),
    new($"Scalyz.SecureBuild, {ours.Describe()}", ours.Analyzers()),
};
// --compare: another build of the analyzers (e.g. main's before a change) measured in the same run, interleaved with
// this one, so that a before/after comparison does not depend on how busy the machine was in two separate runs.
var other = options.Compare is null ? null : AnalyzerSets.FromFile(options.Compare);
if (other is not null)
{
    configs.Add(new("compared build: hollow", other.Hollow()));
    configs.Add(new($"compared build: {other.Describe()}", other.Analyzers()));
}

var sonar = options.Sonar ? AnalyzerSets.SonarSecurity() : [];
if (!sonar.IsEmpty)
{
    configs.Add(new($"SonarAnalyzer.CSharp 9.32 security rules ({sonar.Length} analyzers)", sonar));
}

var results = await Measure.InterleavedAsync(codebase, configs, options.Runs);
const int Package = 9; // the index of the whole package in configs
Report.Table("Whole package", results, results[0], sonar.IsEmpty ? null : results[^1], results[Package]);
if (other is not null && !sonar.IsEmpty)
{
    Report.Versus("The compared build", results[Package + 2], results[0], results[^1]);
}

if (options.Families)
{
    var familyConfigs = new List<Config> { configs[0] };
    foreach (var family in rules.GroupBy(a => a.Family).Where(g => options.OnlyFamilies.IsEmpty || options.OnlyFamilies.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        familyConfigs.Add(new($"{family.Key} ({family.Count()})", ours.Analyzers(family.Key)));
        familyConfigs.Add(new($"  hollow {family.Key}", ours.Hollow(family.Key)));
        var compared = other?.Rules().Count(a => a.Family == family.Key) ?? 0;
        if (compared > 0)
        {
            familyConfigs.Add(new($"  compared build: {family.Key} ({compared})", other!.Analyzers(family.Key)));
        }
    }

    var familyResults = await Measure.InterleavedAsync(codebase, familyConfigs, options.FamilyRuns);
    Report.Table("Per rule family (each alone, and its hollow floor)", familyResults, familyResults[0], null, null);
}

var telemetry = await Measure.CallbackTimesAsync(codebase, rules, options.CallbackRuns);
Report.Callbacks(telemetry);

var ideConfigs = configs.Take(Package + 1).ToList();
if (other is not null)
{
    ideConfigs.Add(configs[Package + 1]);
    ideConfigs.Add(configs[Package + 2]);
}

if (!sonar.IsEmpty)
{
    ideConfigs.Add(configs[^1]);
}

var ide = await Measure.SingleDocumentAsync(codebase, ideConfigs, options.IdeRuns);
Report.Ide(ide, codebase);
Console.WriteLine();
Console.WriteLine($"load average after: {LoadAverage()}");
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

internal sealed record BenchOptions(string Folder, int Runs, int FamilyRuns, int IdeRuns, bool Families, bool Sonar, bool Nullable, bool CallbacksOnly, int CallbackRuns, ImmutableArray<string> OnlyFamilies, string? Compare, bool Profile, int ProfileRuns, bool SerialBind)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || !Directory.Exists(args[0]))
        {
            return null;
        }

        string? Text(string name)
        {
            var at = Array.IndexOf(args, name);
            return at > 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
        }

        int Int(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at > 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
        }

        // --families Web,Injection: measure only these families in the per-family table (a family is a folder under Rules).
        var only = Array.IndexOf(args, "--families");
        var families = only > 0 && only + 1 < args.Length ? [.. args[only + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : ImmutableArray<string>.Empty;
        return new(Path.GetFullPath(args[0]), Int("--runs", 5), Int("--family-runs", 3), Int("--ide-runs", 7), !args.Contains("--no-families"), !args.Contains("--no-sonar"), args.Contains("--nullable"),
            args.Contains("--callbacks-only"), Int("--callback-runs", 1), families, Text("--compare"),
            args.Contains("--profile"), Int("--profile-runs", 5), args.Contains("--serial-bind"));
    }
}

internal sealed record Config(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers);

internal sealed record FamilyAnalyzer(string Family, DiagnosticAnalyzer Analyzer);

/// <summary>
/// A build of Scalyz.SecureBuild.Analyzers.dll: its rules with their families, and how the compiler loads them. A build with
/// a rule host (one [DiagnosticAnalyzer] with a static CreateRules() and a constructor over a subset of rules, as
/// SecureBuildAnalyzer) is measured as the compiler sees it: one host over all rules, or over a family's; an older build
/// (one attributed analyzer per rule) as its analyzers side by side. Every call makes fresh instances.
/// </summary>
internal sealed class AnalyzerBuild(Func<ImmutableArray<FamilyAnalyzer>> rules, Func<IEnumerable<DiagnosticAnalyzer>, DiagnosticAnalyzer>? host)
{
    public ImmutableArray<FamilyAnalyzer> Rules() => rules();

    /// <summary>What the compiler would load, over every rule or one family's.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers(string? family = null)
    {
        var chosen = rules().Where(r => family is null || r.Family == family).Select(r => r.Analyzer);
        return host is null ? [.. chosen] : [host(chosen)];
    }

    /// <summary>The same registrations with empty callbacks: the floor of <see cref="Analyzers"/>.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Hollow(string? family = null) => [.. Analyzers(family).Select(a => new HollowAnalyzer(a))];

    public string Describe()
    {
        var all = rules();
        var described = $"{all.Length} rules, {all.SelectMany(a => a.Analyzer.SupportedDiagnostics).Select(d => d.Id).Distinct().Count()} IDs";
        return host is null ? $"{all.Length} analyzers ({described})" : $"one host analyzer ({described})";
    }
}

internal static class AnalyzerSets
{
    /// <summary>The package's roslyn4.14 build: its rules, each with its family (the folder under Rules it lives in), and its host.</summary>
    public static AnalyzerBuild Ours() => From(typeof(Scalyz.SecureBuild.Analyzers.DiagnosticIds).Assembly);

    /// <summary>
    /// The analyzers of another build of Scalyz.SecureBuild.Analyzers.dll, loaded in a context of their own (the same
    /// assembly name is already loaded) that shares Roslyn with this process.
    /// </summary>
    public static AnalyzerBuild? FromFile(string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"--compare: {path} does not exist; build the other analyzers first.");
            return null;
        }

        return From(new System.Runtime.Loader.AssemblyLoadContext("compared build").LoadFromAssemblyPath(path));
    }

    private static AnalyzerBuild From(Assembly assembly)
    {
        var attributed = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var hostType = attributed.Count == 1 ? attributed[0] : null;
        var createRules = hostType?.GetMethod("CreateRules", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
        var overRules = hostType?.GetConstructor([typeof(IEnumerable<DiagnosticAnalyzer>)]);
        if (createRules is null || overRules is null)
        {
            return new AnalyzerBuild(() => [.. attributed.Select(t => new FamilyAnalyzer(Family(t), (DiagnosticAnalyzer)Activator.CreateInstance(t, nonPublic: true)!))], host: null);
        }

        return new AnalyzerBuild(
            () => [.. ((ImmutableArray<DiagnosticAnalyzer>)createRules.Invoke(null, null)!).Select(a => new FamilyAnalyzer(Family(a.GetType()), a))],
            chosen => (DiagnosticAnalyzer)overRules.Invoke([chosen])!);
    }

    private static string Family(Type type)
    {
        var parts = (type.Namespace ?? string.Empty).Split('.');
        var rules = Array.IndexOf(parts, "Rules");
        return rules >= 0 && rules + 1 < parts.Length ? parts[rules + 1] : "Other";
    }

    /// <summary>
    /// SonarAnalyzer.CSharp's vulnerability and security-hotspot rules (their descriptors' category says which), loaded
    /// from the downloaded package. Analyzers that also carry other rules run all of theirs: that is what a user who
    /// enables them pays.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> SonarSecurity()
    {
        var path = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SonarAnalyzerPath").Value!;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"SonarAnalyzer.CSharp not found at {path}; run without --no-sonar after a restore of this project.");
            return [];
        }

        return [.. new AnalyzerFileReference(path, new PathLoader()).GetAnalyzers(LanguageNames.CSharp)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Category.Contains("Vulnerability", StringComparison.Ordinal) || d.Category.Contains("Security Hotspot", StringComparison.Ordinal)))];
    }

    private sealed class PathLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
