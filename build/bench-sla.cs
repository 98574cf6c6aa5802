#:project ../src/Scalyz.SecureBuild.Core/Scalyz.SecureBuild.Core.csproj
#:property PublishAot=false
// Console harness for the patch-deadline engine and the JSON ledger (median of repeated runs, after a warm-up).
// Usage: dotnet run build/bench-sla.cs [PROJECTS] [FINDINGS_PER_PROJECT]   (default 20 x 500 = 10,000 findings)
using System.Diagnostics;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

var projects = args.Length > 0 ? int.Parse(args[0]) : 20;
var perProject = args.Length > 1 ? int.Parse(args[1]) : 500;
var clock = new StoppedClock(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
var severities = Enum.GetValues<AdvisorySeverity>();
List<SlaFinding> Scan(int project, string version) => Enumerable.Range(0, perProject).Select(i => new SlaFinding(
    $"BENCH-{i:D5}", [$"CVE-2026-{i:D5}"], $"Package{i % 97}", version, $"Project{project:D3}", severities[i % severities.Length],
    clock.Now.AddDays(-(i % 60)), "9.9.9", "synthetic benchmark finding")).ToList();

var folder = Directory.CreateTempSubdirectory("ssb-bench-").FullName;
try
{
    var store = new JsonFileLedgerStore(Path.Combine(folder, "securebuild-ledger.json"), clock);
    var fill = Stopwatch.StartNew();
    for (var p = 0; p < projects; p++)
    {
        store.RecordScan($"Project{p:D3}", Scan(p, "1.0.0"), "bench");
    }

    Console.WriteLine($"ledger: {projects * perProject} findings in {projects} projects, {new FileInfo(store.Path).Length / 1024} KiB, filled in {fill.ElapsedMilliseconds} ms");
    Measure($"RecordScan of one project ({perProject} findings, all version changes) into the full ledger", () => store.RecordScan("Project000", Scan(0, $"1.0.{Random.Shared.Next()}"), "bench"));
    var snapshot = store.Read();
    Measure("Read the full ledger", () => store.Read());
    var evaluator = new DeadlineEvaluator(PatchPolicy.Default, clock);
    Measure($"Evaluate every finding ({snapshot.Findings.Count})", () => evaluator.Evaluate(snapshot));
    Measure("Build the SLA report (evaluate, filter, remediation stats, age buckets)", () => SlaReport.Build(snapshot, store.Path, PatchPolicy.Default, clock, new SlaReportFilter()));
    Measure("Serialize the full ledger", () => LedgerJson.Serialize(snapshot));
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void Measure(string what, Action action)
{
    action();
    var times = new List<double>();
    for (var i = 0; i < 9; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{what}: median {times[times.Count / 2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0})");
}
