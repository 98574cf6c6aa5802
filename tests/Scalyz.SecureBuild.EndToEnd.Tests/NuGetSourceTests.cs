using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;
using Scalyz.SecureBuild.Tests.Shared;
using Xunit.Abstractions;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// The <c>nuget</c> advisory source in real <c>dotnet build</c>s: a consumer with real vulnerable versions (direct and
/// transitive) restores from the package mirror, with an auditSources entry pointing at a loopback feed that serves the
/// real GitHub records in NuGet's VulnerabilityInfo format. NuGet Audit (NU1901-NU1904) and SecureBuild (SSB4001-SSB4004)
/// run in the same build on the same data and graph and must report the same (package, advisory) pairs.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed partial class NuGetSourceTests(PackageFixture package, ITestOutputHelper output)
{
    private const string Sample = "VulnerableWebApp";

    [Fact]
    public void Build_NuGetSourceOnly_ReportsTheSamePairsAsNuGetAudit_AndReadsNuGetsHttpCacheAfterRestore()
    {
        using var feed = new FakeNuGetFeed(Directory.GetFiles(Path.Combine(Repository.Root, "src", "Scalyz.SecureBuild", "advisories", "osv"), "*.json"));
        var workspace = Consumer(feed);
        string[] properties = ["-p:NuGetAudit=true", "-p:NuGetAuditMode=all", "-p:NuGetAuditLevel=low", "-p:SecureBuildAdvisorySources=nuget", "-p:SecureBuildAuditLevel=low"];

        var build = workspace.Build(Sample, properties);

        var nuget = NuGetAuditPairs(build);
        var ours = SecureBuildPairs(build);
        output.WriteLine("NuGet Audit: " + string.Join(", ", nuget));
        output.WriteLine("SecureBuild: " + string.Join(", ", ours));
        // The consumer's real vulnerable versions: System.Drawing.Common 4.7.0 and Azure.Identity 1.10.0 directly,
        // Microsoft.Identity.Client transitively through Azure.Identity.
        Assert.Contains(("System.Drawing.Common", "GHSA-rxg9-xrhp-64gj"), nuget);
        Assert.Contains(nuget, p => p.Package == "Microsoft.Identity.Client");
        Assert.True(nuget.Count >= 5, build.Output);
        Assert.Equal(nuget, ours);
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB02", StringComparison.Ordinal) && d.Code != "SSB0223");
        // No OSV source is configured, so no publication date is known, and this stateless build keeps no ledger: each
        // finding's patch clock start is unknown, and the build says so instead of inventing a date.
        var unknown = build.SecureBuildDiagnostics.Where(d => d.Code == "SSB0223").ToList();
        Assert.Equal(ours.Count, unknown.Count);
        Assert.All(unknown, d => Assert.Contains("patch clock start is unknown", d.Message, StringComparison.Ordinal));
        using (var audit = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.json"))))
        {
            Assert.Equal("nuget", Assert.Single(audit.RootElement.GetProperty("data").EnumerateArray()).GetProperty("source").GetString());
        }

        // Restore downloaded the vulnerability data into NuGet's HTTP cache: builds after it read it from there.
        var afterRestore = feed.RequestCount;
        var again = workspace.Build(Sample, [.. properties, "--no-restore"]);
        Assert.Equal(afterRestore, feed.RequestCount);
        Assert.Equal(ours, SecureBuildPairs(again));
    }

    [Fact]
    public void Build_AfterRestoreWithWarmHttpCache_MeasuresWhatTheNuGetSourceAdds()
    {
        using var feed = new FakeNuGetFeed(Directory.GetFiles(Path.Combine(Repository.Root, "src", "Scalyz.SecureBuild", "advisories", "osv"), "*.json"));
        var workspace = Consumer(feed);
        Assert.Equal(0, workspace.Dotnet(["restore", workspace.ProjectFile(Sample), "-p:NuGetAudit=true"]).ExitCode);
        // Compile once so the timed builds below do the same (incremental) work apart from the audit.
        workspace.Build(Sample, "--no-restore", "-p:SecureBuildAdvisorySources=embedded");
        var requests = feed.RequestCount;

        // Wall time of the whole build, and the audit task's own time from MSBuild's performance summary (less noisy on a
        // shared machine).
        var embedded = new List<(double Build, double Task)>();
        var withNuGet = new List<(double Build, double Task)>();
        for (var run = 0; run < 3; run++)
        {
            embedded.Add(Time(() => workspace.Build(Sample, "--no-restore", "-clp:PerformanceSummary", "-p:SecureBuildAdvisorySources=embedded")));
            withNuGet.Add(Time(() => workspace.Build(Sample, "--no-restore", "-clp:PerformanceSummary", "-p:SecureBuildAdvisorySources=nuget%3Bembedded")));
        }

        var audit = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.json")));
        Assert.Equal(["nuget", "embedded"], audit.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("source").GetString()));
        Assert.Equal(requests, feed.RequestCount);
        static string Runs(List<(double Build, double Task)> runs) => string.Join(" ", runs.Select(t => $"{t.Build:0.00}/{t.Task:0.00}"));
        output.WriteLine($"build --no-restore (whole build s / AuditDependenciesTask s), embedded: {Runs(embedded)}; nuget;embedded: {Runs(withNuGet)}");
        output.WriteLine($"median difference: build {Median(withNuGet.Select(r => r.Build)) - Median(embedded.Select(r => r.Build)):0.00} s, audit task {Median(withNuGet.Select(r => r.Task)) - Median(embedded.Select(r => r.Task)):0.00} s");
        Assert.All(embedded.Concat(withNuGet), r => Assert.True(r.Task > 0));
    }

    [Fact]
    public void Build_DefaultSourcesWithoutVulnerabilityData_WarnsSsb0220OnceAndAuditsWithTheSnapshot()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        // Once per audited project (CleanApp and the CleanLib it references), as NuGet's NU1905 once per restore.
        var warnings = build.SecureBuildDiagnostics.Where(d => d.Code == "SSB0220").ToList();
        Assert.All(warnings.GroupBy(d => d.File), g => Assert.Single(g));
        var warning = Assert.Single(warnings, d => d.File == workspace.ProjectFile("CleanApp"));
        Assert.Equal("warning", warning.Severity);
        Assert.Contains("offers vulnerability data", warning.Message, StringComparison.Ordinal);
        using var audit = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("CleanApp", "obj", "securebuild", "audit.json")));
        Assert.Equal("embedded", Assert.Single(audit.RootElement.GetProperty("data").EnumerateArray()).GetProperty("source").GetString());
    }

    [Fact]
    public void Build_AuditSourceFails_WarnsSsb0221NamingItAndFallsBackToTheSnapshot()
    {
        using var feed = new FakeNuGetFeed(Directory.GetFiles(Path.Combine(Repository.Root, "src", "Scalyz.SecureBuild", "advisories", "osv"), "*.json"), failPages: true);
        var workspace = Consumer(feed);

        var build = workspace.Build(Sample, "-p:NuGetAudit=false");

        var warning = Assert.Single(build.SecureBuildDiagnostics, d => d.Code == "SSB0221");
        Assert.Contains(feed.ServiceIndex, warning.Message, StringComparison.Ordinal);
        Assert.Contains("the embedded data instead", warning.Message, StringComparison.Ordinal);
        Assert.Contains(build.SecureBuildDiagnostics, d => d.Code == "SSB4004");
    }

    private SampleWorkspace Consumer(FakeNuGetFeed feed)
    {
        var workspace = package.CreateWorkspace();
        workspace.ExtraEnvironment["NUGET_HTTP_CACHE_PATH"] = Path.Combine(workspace.Folder, ".http-cache");
        var project = workspace.ProjectFile(Sample);
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />",
            "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />\n    <PackageReference Include=\"Azure.Identity\" Version=\"1.10.0\" />",
            StringComparison.Ordinal));
        var config = Path.Combine(workspace.Folder, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "</configuration>",
            $"  <auditSources>\n    <clear />\n    <add key=\"advisories\" value=\"{feed.ServiceIndex}\" allowInsecureConnections=\"true\" />\n  </auditSources>\n</configuration>",
            StringComparison.Ordinal));
        return workspace;
    }

    private static SortedSet<(string Package, string Advisory)> NuGetAuditPairs(BuildResult build) =>
        new(build.Diagnostics.Where(d => d.Code is "NU1901" or "NU1902" or "NU1903" or "NU1904")
            .Select(d => NuGetAudit().Match(d.Message))
            .Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["ghsa"].Value)));

    private static SortedSet<(string Package, string Advisory)> SecureBuildPairs(BuildResult build) =>
        new(build.Diagnostics.Where(d => d.Code is "SSB4001" or "SSB4002" or "SSB4003" or "SSB4004")
            .Select(d => Ours().Match(d.Message))
            .Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["ghsa"].Value)));

    private static (double Build, double Task) Time(Func<BuildResult> build)
    {
        var watch = Stopwatch.StartNew();
        var result = build();
        var elapsed = watch.Elapsed.TotalSeconds;
        var task = TaskTime().Match(result.Output);
        return (elapsed, task.Success ? int.Parse(task.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture) / 1000.0 : 0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+AuditDependenciesTask\s", RegexOptions.Multiline)]
    private static partial Regex TaskTime();

    [GeneratedRegex(@"Package '(?<id>[^']+)' \S+ has a known \w+ severity vulnerability, https://github\.com/advisories/(?<ghsa>GHSA-[a-z0-9-]+)")]
    private static partial Regex NuGetAudit();

    [GeneratedRegex(@"^Package '(?<id>[^']+)' \S+ has an? .*? (?<ghsa>GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})")]
    private static partial Regex Ours();
}
