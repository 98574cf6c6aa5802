using System.Diagnostics;
using System.Globalization;
using Scalyz.SecureBuild.Core.Advisories;

// Usage: dotnet run -c Release --project tests/Scalyz.SecureBuild.Benchmarks.Audit [-- RECORDS_FOLDER [ITERATIONS]]
// Each measurement is preceded by as many warm-up runs (at least 30) so tiered JIT has settled. Builds a snapshot from the OSV records (default: the repository's src/Scalyz.SecureBuild/advisories/osv), then times
// (1) what a build pays once: open the snapshot, read the records for the project's packages, index them;
// (2) auditing 1,000 resolved packages against the loaded index, the figure the issue bounds at well under 100 ms.
var records = args.Length > 0 ? args[0] : FindRecords();
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var folder = Directory.CreateTempSubdirectory("ssb-bench-").FullName;
var snapshotPath = Path.Combine(folder, "advisories.snapshot.json.gz");
var all = Directory.GetFiles(records, "*.json").Select(OsvReader.ReadFile).ToList();
AdvisorySnapshot.Write(snapshotPath, all, "embedded", AdvisorySnapshot.GitHubAttribution);

// 1,000 packages: every NuGet id the records name, at a version inside (introduced) or just past (fixed) a range,
// the rest ids no advisory names, as in a large real graph where most packages are clean.
var covered = all.Where(r => r.Withdrawn is null).SelectMany(r => r.Affected).Where(a => a.IsNuGet)
    .Select(a => (a.Name, Version: a.Ranges.SelectMany(g => g.Events).Select(e => e.Version).FirstOrDefault(v => v != "0") ?? (a.Versions.Count > 0 ? a.Versions[0] : null) ?? "1.0.0"))
    .DistinctBy(p => p.Name.ToUpperInvariant())
    .ToList();
var packages = covered.Select(p => new AuditedPackage(p.Name, p.Version, true, [$"{p.Name} {p.Version}"], ["net10.0"]))
    .Concat(Enumerable.Range(0, 1000).Select(i => new AuditedPackage($"Contoso.Component{i:D4}", "2.1.0", false, [], ["net10.0"])))
    .Take(1000)
    .ToList();

AdvisoryIndex Load()
{
    using var snapshot = AdvisorySnapshot.Open(snapshotPath);
    return AdvisoryIndex.Build(snapshot.RecordsFor(packages.Select(p => p.Id)));
}

var index = Load();
var findings = DependencyAuditor.Audit("bench.csproj", packages, index).Count;
var fullIndex = AdvisoryIndex.Build(all);
var fullTimes = Measure(() => DependencyAuditor.Audit("bench.csproj", packages, fullIndex), iterations);
var auditTimes = Measure(() => DependencyAuditor.Audit("bench.csproj", packages, index), iterations);
var loadTimes = Measure(() => Load(), Math.Max(10, iterations / 10));

Console.WriteLine($"records: {all.Count} ({index.RecordCount} indexed for these packages, {fullIndex.RecordCount} in all), snapshot {new FileInfo(snapshotPath).Length / 1024.0:0.0} KiB");
Console.WriteLine($"packages audited: {packages.Count} ({covered.Count} named by some advisory), findings: {findings}");
Report("load (open snapshot, read records for the packages, index)", loadTimes);
Report("audit 1,000 packages, index of the packages' records", auditTimes);
Report("audit 1,000 packages, index of every record", fullTimes);
Directory.Delete(folder, recursive: true);

static List<double> Measure(Action action, int iterations)
{
    for (var i = 0; i < Math.Max(30, iterations); i++)
    {
        action();
    }

    var times = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times;
}

static void Report(string what, List<double> sorted) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: median {sorted[sorted.Count / 2]:0.000} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:0.000} ms, max {sorted[^1]:0.000} ms over {sorted.Count} runs"));

static string FindRecords()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "Scalyz.SecureBuild", "advisories", "osv");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("Pass the folder of OSV records as the first argument.");
}
