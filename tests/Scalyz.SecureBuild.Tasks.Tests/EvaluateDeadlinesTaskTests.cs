using System.Text.Json;

namespace Scalyz.SecureBuild.Tasks.Tests;

public sealed class EvaluateDeadlinesTaskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-deadlines-").FullName;
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Real advisories: RestSharp GHSA-4rr6-2v9v-wcpc (MODERATE, 2024-08-29) and NewRelic.Agent GHSA-2rvx-cvfc-mcp2 (CRITICAL, 2022-05-17).
    private string Findings(bool withCritical = true)
    {
        var path = Path.Combine(_folder, "findings.json");
        var critical = withCritical
            ? """,{"advisory": "GHSA-2rvx-cvfc-mcp2", "aliases": ["CVE-2017-9246"], "package": "NewRelic.Agent", "version": "6.11.0", "project": "App", "severity": "CRITICAL", "published": "2022-05-17T02:35:57Z"}"""
            : string.Empty;
        File.WriteAllText(path, $$"""
            {"findings": [
              {"advisory": "GHSA-4rr6-2v9v-wcpc", "package": "RestSharp", "version": "110.2.0", "project": "App", "severity": "MODERATE", "published": "2024-08-29T19:30:51Z", "fixedIn": "112.0.0"}{{critical}}
            ]}
            """);
        return path;
    }

    private EvaluateDeadlinesTask Task(string findings, string asOf, string? ledger = null, string? policy = null) => new()
    {
        BuildEngine = _engine,
        FindingsFile = findings,
        ProjectName = "App",
        AsOf = asOf,
        LedgerFile = ledger,
        PolicyFile = policy,
        ProjectFile = "App.csproj",
    };

    [Fact]
    public void CriticalPresent_FailsWithSsb5001AtTheProject()
    {
        var task = Task(Findings(), "2024-09-01T00:00:00Z");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("SSB5001", error.Code);
        Assert.Equal("App.csproj", error.File);
        Assert.StartsWith("GHSA-2rvx-cvfc-mcp2 in NewRelic.Agent 6.11.0 (CRITICAL) was due by 2022-05-17 and is ", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, task.BreachedCount);
    }

    [Fact]
    public void MinorTwelveDaysAfterPublication_WarnsWithSsb5002()
    {
        var task = Task(Findings(withCritical: false), "2024-09-10T19:30:51Z");

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("SSB5002", warning.Code);
        Assert.Equal("GHSA-4rr6-2v9v-wcpc in RestSharp 110.2.0 (MODERATE) is due by 2024-09-12, due in 2 days; upgrade to 112.0.0 or later", warning.Message);
    }

    [Fact]
    public void MinorTenDaysAfterPublication_IsQuiet()
    {
        Assert.True(Task(Findings(withCritical: false), "2024-09-08T19:30:51Z").Execute());

        Assert.Empty(_engine.Warnings);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void MinorFifteenDaysAfterPublication_Fails()
    {
        Assert.False(Task(Findings(withCritical: false), "2024-09-13T19:30:51Z").Execute());

        Assert.Equal("SSB5001", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Ledger_RecordsFindingsAndAcceptanceSuppressesUntilExpiry()
    {
        var ledger = Path.Combine(_folder, "securebuild-ledger.json");
        Assert.False(Task(Findings(), "2024-09-01T00:00:00Z", ledger).Execute());
        var json = File.ReadAllText(ledger);
        Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetProperty("findings").GetArrayLength());
        File.WriteAllText(ledger, json.Replace(
            "\"acceptances\": [],",
            "\"acceptances\": [\n    {\"advisory\":\"GHSA-2rvx-cvfc-mcp2\",\"project\":\"App\",\"package\":null,\"actor\":\"m.rossi\",\"reason\":\"Agent disabled\",\"until\":\"2024-10-01T00:00:00Z\",\"at\":\"2024-09-01T00:00:00Z\"}\n  ],",
            StringComparison.Ordinal));

        var accepted = new FakeBuildEngine();
        var before = Task(Findings(), "2024-09-02T00:00:00Z", ledger);
        before.BuildEngine = accepted;
        Assert.True(before.Execute());
        Assert.Empty(accepted.Errors);
        Assert.Contains(accepted.Messages, m => m.Code == "SSB5003" && m.Message!.Contains("risk accepted by m.rossi until 2024-10-01", StringComparison.Ordinal));

        var expired = new FakeBuildEngine();
        var after = Task(Findings(), "2024-10-01T00:00:00Z", ledger);
        after.BuildEngine = expired;
        Assert.False(after.Execute());
        Assert.Contains(expired.Errors, e => e.Code == "SSB5001" && e.Message!.StartsWith("GHSA-2rvx-cvfc-mcp2 ", StringComparison.Ordinal));
    }

    [Fact]
    public void FirstSeenPolicyWithLedger_CountsFromTheFirstBuildThatSawIt()
    {
        var ledger = Path.Combine(_folder, "securebuild-ledger.json");
        var policy = Path.Combine(_folder, "policy.json");
        File.WriteAllText(policy, """{ "clockStart": "firstSeen" }""");

        Assert.True(Task(Findings(withCritical: false), "2026-11-01T00:00:00Z", ledger, policy).Execute());
        Assert.True(Task(Findings(withCritical: false), "2026-11-12T00:00:00Z", ledger, policy).Execute());
        Assert.Equal("SSB5002", Assert.Single(_engine.Warnings).Code);
        Assert.False(Task(Findings(withCritical: false), "2026-11-15T00:00:01Z", ledger, policy).Execute());
    }

    [Fact]
    public void BadPolicyFile_IsSsb0302AtThePolicyLine()
    {
        var policy = Path.Combine(_folder, "policy.json");
        File.WriteAllText(policy, "{\n  \"clockStart\": \"never\"\n}");

        Assert.False(Task(Findings(), "2024-09-01T00:00:00Z", policy: policy).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("SSB0302", error.Code);
        Assert.Equal(policy, error.File);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void MissingFindingsFile_IsSsb0306()
    {
        Assert.False(Task(Path.Combine(_folder, "none.json"), "2024-09-01T00:00:00Z").Execute());

        Assert.Equal("SSB0306", Assert.Single(_engine.Errors).Code);
    }
}
