using System.Text.Json;

namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class SlaCommandTests : IDisposable
{
    private const string AsOf = "2026-11-21T12:00:00Z";
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "TestData", "sla");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-sla-").FullName;

    public SlaCommandTests()
    {
        Ledger = Path.Combine(_folder, "securebuild-ledger.json");
        File.Copy(Path.Combine(TestData, "ledger.json"), Ledger);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Ledger { get; }

    private static string Policy => Path.Combine(TestData, "policy.json");

    private (int ExitCode, string Output, string Error) Report(params string[] extra) =>
        CliRunner.Run(["sla", "report", "--ledger", Ledger, "--policy", Policy, "--as-of", AsOf, .. extra]);

    private void AssertGolden(string name, string actual)
    {
        var expected = File.ReadAllText(Path.Combine(TestData, name)).Replace("{ledger}", Ledger, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("table", "report.golden.txt")]
    [InlineData("markdown", "report.golden.md")]
    [InlineData("csv", "report.golden.csv")]
    [InlineData("json", "report.golden.json")]
    [InlineData("html", "report.golden.html")]
    public void Report_EachFormat_MatchesGoldenFile(string format, string golden)
    {
        var (code, output, error) = Report("--format", format);

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Ok, code);
        AssertGolden(golden, output);
    }

    [Fact]
    public void Report_FailOnBreach_ExitsOne()
    {
        var (code, _, _) = Report("--fail-on-breach");

        Assert.Equal(ExitCodes.PolicyViolated, code);
    }

    [Fact]
    public void Report_FailOnBreachWithoutBreachesShown_ExitsZero()
    {
        var (code, output, _) = Report("--fail-on-breach", "--status", "fixed,accepted", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        var statuses = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("status").GetString()).ToList();
        Assert.Equal(["accepted", "fixed", "fixed", "fixed"], statuses);
    }

    [Fact]
    public void Report_FilterByProjectAndSeverity_ShowsOnlyThose()
    {
        var (code, output, _) = Report("--project", "Contoso.Web", "--severity", "moderate", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, code);
        // The findings table ends at the empty line before the bypass table, which the project filter narrows too.
        var tables = output.Split("\r\n\r\n");
        var rows = tables[0].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["bypass_project,kind,target,file,line,justified,reason,detail,first_seen,last_seen,days_in_place"], tables[1].Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.All(rows, r => Assert.StartsWith("Contoso.Web,", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains(",MODERATE,", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Report_OpenStatus_LeavesOutFixed()
    {
        var (_, output, _) = Report("--status", "open", "--format", "json");

        var findings = JsonDocument.Parse(output).RootElement.GetProperty("findings");
        Assert.Equal(6, findings.GetArrayLength());
        Assert.DoesNotContain(findings.EnumerateArray(), f => f.GetProperty("status").GetString() == "fixed");
    }

    [Fact]
    public void Report_DefaultPolicyCountsFromPublication_EverythingOpenIsBreached()
    {
        var (code, output, _) = CliRunner.Run("sla", "report", "--ledger", Ledger, "--as-of", AsOf, "--status", "open", "--format", "json", "--fail-on-breach");

        Assert.Equal(ExitCodes.PolicyViolated, code);
        var statuses = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("status").GetString()).ToList();
        Assert.Equal(["breached", "breached", "breached", "breached", "breached", "accepted"], statuses);
    }

    [Fact]
    public void Report_ImportantWithoutFallbackAndNoRelease_IsDueAtTheNextRelease()
    {
        var policy = Path.Combine(_folder, "release-only.json");
        File.WriteAllText(policy, """
            { "clockStart": "firstSeen", "severities": { "moderate": "important" }, "classes": { "important": { "nextRelease": true, "days": null } } }
            """);

        var (code, output, _) = CliRunner.Run("sla", "report", "--ledger", Ledger, "--policy", policy, "--as-of", AsOf,
            "--project", "Contoso.Web", "--severity", "moderate", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        var findings = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("package").GetString()!);
        Assert.Equal("breached", findings["RestSharp"].GetProperty("status").GetString());
        Assert.Equal("4.2", findings["RestSharp"].GetProperty("dueRelease").GetString());
        Assert.Equal("ok", findings["HtmlSanitizer"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, findings["HtmlSanitizer"].GetProperty("due").ValueKind);
    }

    [Fact]
    public void Report_WrongSeverity_IsAUsageError()
    {
        var (code, _, error) = Report("--severity", "severe");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--severity 'severe'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SlaHelp_ListsTheSubcommands()
    {
        var (code, output, _) = CliRunner.Run("sla", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.All(new[] { "report", "accept", "history", "record" }, verb => Assert.Contains(verb, output, StringComparison.Ordinal));
    }

    [Fact]
    public void Report_WrongStatus_IsAUsageError()
    {
        var (code, _, error) = Report("--status", "late");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--status 'late'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BadPolicyFile_ExitsBadInputNamingFileAndLine()
    {
        var policy = Path.Combine(_folder, "policy.json");
        File.WriteAllText(policy, "{\n  \"warningDays\": \"three\"\n}\n");

        var (code, output, error) = CliRunner.Run("sla", "report", "--ledger", Ledger, "--policy", policy);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error SSB0302: {policy}(2): 'warningDays' in '{policy}' (line 2) must be a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LedgerFileMissing_ExitsBadInputInsteadOfAnEmptyReport()
    {
        var missing = Path.Combine(_folder, "typo-ledger.json");

        var (code, output, error) = CliRunner.Run("sla", "report", "--ledger", missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error SSB0005: {missing}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_CorruptLedger_ExitsBadInput()
    {
        File.WriteAllText(Ledger, "{ \"schemaVersion\": 1, \"findings\": [");

        var (code, _, error) = Report();

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error SSB0303: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HtmlToFile_WritesOneSelfContainedPage()
    {
        var file = Path.Combine(_folder, "out", "sla.html");

        var (code, output, _) = Report("--format", "html", "--output", file);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, output);
        var html = File.ReadAllText(file);
        Assert.Contains("<svg ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_ThenReport_SuppressesTheBreachAndRecordsHistory()
    {
        var (code, output, error) = CliRunner.Run(
            "sla", "accept", "GHSA-2rvx-cvfc-mcp2", "--reason", "Agent disabled in production", "--until", "2099-01-01", "--actor", "j.doe",
            "--project", "Contoso.Api", "--ledger", Ledger);

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("until 2099-01-01T00:00:00Z by j.doe", output, StringComparison.Ordinal);
        var (_, json, _) = Report("--format", "json", "--project", "Contoso.Api", "--status", "accepted");
        var accepted = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("GHSA-2rvx-cvfc-mcp2", accepted.GetProperty("advisory").GetString());
        var (_, history, _) = CliRunner.Run("sla", "history", "--ledger", Ledger, "--advisory", "GHSA-2rvx-cvfc-mcp2", "--format", "json");
        var kinds = JsonDocument.Parse(history).RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString());
        Assert.Equal(["Opened", "RiskAccepted"], kinds);
    }

    [Fact]
    public void Accept_AfterExpiry_TheFindingIsABreachAgain()
    {
        CliRunner.Run("sla", "accept", "GHSA-2rvx-cvfc-mcp2", "--reason", "r", "--until", "2099-01-01", "--actor", "j.doe", "--ledger", Ledger);

        var (_, json, _) = CliRunner.Run("sla", "report", "--ledger", Ledger, "--policy", Policy, "--as-of", "2099-01-01T00:00:01Z",
            "--project", "Contoso.Api", "--status", "breached", "--format", "json");

        Assert.Contains(JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("advisory").GetString() == "GHSA-2rvx-cvfc-mcp2");
    }

    [Fact]
    public void Accept_UntilInThePast_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("sla", "accept", "GHSA-1", "--reason", "r", "--until", "2001-01-01", "--actor", "a", "--ledger", Ledger);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("not in the future", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_MissingReason_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("sla", "accept", "GHSA-1", "--until", "2099-01-01", "--actor", "a", "--ledger", Ledger);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--reason", error, StringComparison.Ordinal);
    }

    [Fact]
    public void History_Table_MatchesGoldenFile()
    {
        var (code, output, _) = CliRunner.Run("sla", "history", "--ledger", Ledger, "--project", "Contoso.Worker");

        Assert.Equal(ExitCodes.Ok, code);
        AssertGolden("history.golden.txt", output);
    }

    [Fact]
    public void Record_FindingsFile_OpensAndLaterFixes()
    {
        var ledger = Path.Combine(_folder, "new-ledger.json");
        var findings = Path.Combine(_folder, "findings.json");
        File.WriteAllText(findings, """
            {"findings": [
              {"advisory": "GHSA-3x49-g6rc-c284", "aliases": ["CVE-2022-23535"], "package": "LiteDB", "version": "5.0.12", "project": "App", "severity": "HIGH", "published": "2023-02-24T16:22:50Z", "fixedIn": "5.0.13"}
            ]}
            """);

        var (code, output, _) = CliRunner.Run("sla", "record", findings, "--ledger", ledger, "--actor", "ci");
        File.WriteAllText(findings, """{"findings": []}""");
        var (code2, _, _) = CliRunner.Run("sla", "record", findings, "--project", "App", "--ledger", ledger, "--actor", "ci");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(ExitCodes.Ok, code2);
        Assert.StartsWith("App: 1 open findings recorded in ", output, StringComparison.Ordinal);
        var (_, history, _) = CliRunner.Run("sla", "history", "--ledger", ledger, "--format", "json");
        var kinds = JsonDocument.Parse(history).RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString());
        Assert.Equal(["Opened", "Fixed"], kinds);
    }

    [Fact]
    public void Record_BadFindingsFile_ExitsBadInput()
    {
        var findings = Path.Combine(_folder, "findings.json");
        File.WriteAllText(findings, "{\"findings\": [{\"advisory\": \"GHSA-1\"}]}");

        var (code, _, error) = CliRunner.Run("sla", "record", findings, "--ledger", Ledger);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error SSB0306: ", error, StringComparison.Ordinal);
        Assert.Contains("'findings[0].package'", error, StringComparison.Ordinal);
    }
}

public sealed class SlaLedgerSelectionTests
{
    [Fact]
    public void ConnectionEnvNotSet_IsSSB0305NamingTheVariable()
    {
        var (code, _, error) = CliRunner.Run("sla", "report", "--ledger-connection-env", "SSB_TEST_UNSET_" + Guid.NewGuid().ToString("N"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error SSB0305: $SSB_TEST_UNSET_", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableDatabase_IsSSB0305AndNeverPrintsThePassword()
    {
        var variable = "SSB_TEST_LEDGER_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "Host=127.0.0.1;Port=1;Username=ci;Password=hunter2-secret;Database=ledger;Timeout=2");
        try
        {
            var (code, output, error) = CliRunner.Run("sla", "history", "--ledger-connection-env", variable);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.StartsWith("error SSB0305: postgresql://ci@127.0.0.1:1/ledger", error, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void BothLedgerOptions_IsAUsageError()
    {
        var (code, _, _) = CliRunner.Run("sla", "history", "--ledger", "x.json", "--ledger-connection-env", "X");

        Assert.Equal(ExitCodes.UsageError, code);
    }
}
