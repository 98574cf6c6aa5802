using System.Text.Json;
using System.Text.Json.Nodes;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>The one audit the task and the CLI share: its outcome decides whether a verdict may be given at all.</summary>
public sealed class AuditPipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-pipeline-").FullName;
    private readonly string _snapshot;
    private readonly string _project;
    private readonly DateTimeOffset _now = new(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);

    public AuditPipelineTests()
    {
        _snapshot = Path.Combine(_folder, "snapshot.json.gz");
        AdvisorySnapshot.Write(_snapshot, RealRecords.All, "embedded", null);
        _project = Path.Combine(_folder, "App.csproj");
        File.WriteAllText(_project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"System.Drawing.Common\" Version=\"4.7.0\" />\n  </ItemGroup>\n</Project>\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_EveryPackageEvaluatedAgainstAllSources_IsCompleteAndLocatesTheFinding()
    {
        var result = Run(Assets(_ => { }));

        Assert.Equal(AuditOutcome.Complete, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("GHSA-rxg9-xrhp-64gj", _project, 3), (finding.Finding.AdvisoryId, finding.File, finding.Line));
        Assert.Null(result.Shortfall);
    }

    [Fact]
    public void Run_UnparseableVersion_IsSsb0208NamingThePackageAndTheAuditIsPartial()
    {
        var assets = Assets(root => Rename(root, "System.Drawing.Common/4.7.0", "System.Drawing.Common/four.seven"));

        var result = Run(assets);

        Assert.Equal(AuditOutcome.Partial, result.Outcome);
        var problem = Assert.Single(result.Notices, n => n.Code == DiagnosticCodes.PackageNotEvaluable);
        Assert.True(problem.IsError);
        Assert.Contains("Package 'System.Drawing.Common' of 'App.csproj' has the version 'four.seven'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReferencedPackageWithoutAGraphEntry_IsSsb0208()
    {
        var assets = Assets(root => root["targets"]!["net10.0"]!.AsObject().Remove("Newtonsoft.Json/13.0.3"));

        var result = Run(assets);

        Assert.Equal(AuditOutcome.Partial, result.Outcome);
        Assert.Contains(result.Notices, n => n.Code == DiagnosticCodes.PackageNotEvaluable && n.Message.StartsWith("Package 'Newtonsoft.Json' is referenced by 'App.csproj' for net10.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_AssetsFileWithEmptyTargets_DidNotRunAndSaysSo()
    {
        var assets = Assets(root => root["targets"] = new JsonObject());

        var result = Run(assets);

        Assert.Equal(AuditOutcome.NotRun, result.Outcome);
        Assert.Contains(result.Notices, n => n.Code == DiagnosticCodes.PackageNotEvaluable && n.IsError && n.Message.Contains("no resolved target", StringComparison.Ordinal));
        using var sarif = JsonDocument.Parse(AuditReport.ToSarif(result, AdvisorySeverity.High, AdvisorySeverity.Critical, "1.0.0"));
        var invocation = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Run_NoDataAtAll_DidNotRun_JsonAndSarifCarryTheFailure()
    {
        var result = Run(Assets(_ => { }), snapshot: Path.Combine(_folder, "missing.gz"));

        Assert.Equal(AuditOutcome.NotRun, result.Outcome);
        using var json = JsonDocument.Parse(AuditReport.ToJson(result, AdvisorySeverity.High));
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("not-run", json.RootElement.GetProperty("outcome").GetString());
        using var sarif = JsonDocument.Parse(AuditReport.ToSarif(result, AdvisorySeverity.High, AdvisorySeverity.Critical, "1.0.0"));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Empty(run.GetProperty("results").EnumerateArray());
        var invocation = run.GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var codes = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Select(n => n.GetProperty("descriptor").GetProperty("id").GetString()).ToList();
        Assert.Contains(DiagnosticCodes.AdvisoryDataMissing, codes);
        Assert.Contains(DiagnosticCodes.AuditIncomplete, codes);
    }

    [Fact]
    public void Run_OneSourceMissing_IsPartial()
    {
        var result = Run(Assets(_ => { }), sources: ["embedded", "osv-dump"]);

        Assert.Equal(AuditOutcome.Partial, result.Outcome);
        Assert.Single(result.Findings);
        Assert.Contains("--cache", Assert.Single(result.Notices, n => n.Code == DiagnosticCodes.AdvisoryDataMissing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SnapshotDatedInTheFuture_IgnoresTheDateAndWarnsNamingTheFile()
    {
        // A snapshot written without an import time (as a tampered cache file could be) is dated by its 2999 record.
        var tampered = Path.Combine(_folder, "tampered.json.gz");
        AdvisorySnapshot.Write(tampered, RealRecords.All.Select((r, i) => i == 0 ? r with { Modified = new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero) } : r), "osv-dump", null);

        var result = Run(Assets(_ => { }), snapshot: tampered);

        Assert.Null(Assert.Single(result.Data).Date);
        var warning = Assert.Single(result.Notices, n => n.Code == DiagnosticCodes.AdvisoryDateInFuture);
        Assert.Contains(tampered, warning.Message, StringComparison.Ordinal);
        Assert.Contains("2999-01-01", warning.Message, StringComparison.Ordinal);
    }

    private AuditResult Run(string assets, string? snapshot = null, IReadOnlyList<string>? sources = null, DateTimeOffset? now = null)
    {
        var input = AuditInput.FromProject(_project, assets, AuditMode.All, [], null);
        var options = new AdvisorySourceOptions(sources ?? ["embedded"], snapshot ?? _snapshot, Path.Combine(_folder, "cache"), TimeSpan.FromDays(100_000), Names: AdvisorySettingNames.Cli);
        return AuditPipeline.Run(new AuditRequest([input], options, AdvisorySeverity.Low, AdvisorySeverity.High), now ?? _now);
    }

    private string Assets(Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json")))!;
        change(root);
        var path = Path.Combine(_folder, $"project.assets.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static void Rename(JsonNode root, string from, string to)
    {
        foreach (var table in root["targets"]!.AsObject().Select(t => t.Value!.AsObject()).Append(root["libraries"]!.AsObject()))
        {
            if (table[from] is { } entry)
            {
                table.Remove(from);
                table[to] = entry;
            }
        }
    }
}
