using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class GateCommandTests : IDisposable
{
    // GHSA-rxg9-xrhp-64gj (CRITICAL, System.Drawing.Common < 4.7.2) was published on 2022-05-24T17:43:19Z.
    private const string BeforePublication = "2022-05-01T00:00:00Z";
    private const string AfterPublication = "2022-06-01T00:00:00Z";

    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-gate-").FullName;
    private readonly string _sbom;
    private readonly string _ledger;
    private readonly string _cache;

    public GateCommandTests()
    {
        _sbom = Path.Combine(_folder, "bom.cdx.json");
        _ledger = Path.Combine(_folder, "ledger.json");
        _cache = Path.Combine(_folder, "cache");
        // The SBOM the project's own writer produced for Contoso.App, shipping System.Drawing.Common 4.7.0 as well.
        var bom = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sbom", "app.cdx-1.6.golden.json")))!.AsObject();
        const string purl = "pkg:nuget/System.Drawing.Common@4.7.0";
        bom["components"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "library",
            ["bom-ref"] = purl,
            ["supplier"] = new JsonObject { ["name"] = "Microsoft" },
            ["name"] = "System.Drawing.Common",
            ["version"] = "4.7.0",
            ["scope"] = "required",
            ["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-512", ["content"] = new string('0', 128) }),
            ["licenses"] = new JsonArray(new JsonObject { ["license"] = new JsonObject { ["id"] = "MIT" } }),
            ["purl"] = purl,
        });
        bom["dependencies"]!.AsArray().Add(new JsonObject { ["ref"] = purl, ["dependsOn"] = new JsonArray() });
        File.WriteAllText(_sbom, bom.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int ExitCode, string Output, string Error) Gate(params string[] extra) =>
        CliRunner.Run(["gate", "--sbom", _sbom, "--release", "4.2.0", "--ledger", _ledger, "--cache", _cache, .. extra]);

    [Fact]
    public void Gate_BeforeTheAdvisory_PassesAndRecordsTheRelease()
    {
        var (code, output, error) = Gate("--as-of", BeforePublication);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.EndsWith("PASSED: nothing stops this release.\n", output, StringComparison.Ordinal);
        Assert.Contains($"Release 4.2.0 of Contoso.App recorded in {_ledger}.", error, StringComparison.Ordinal);
        var release = JsonNode.Parse(File.ReadAllText(_ledger))!["releases"]!.AsArray().Single()!;
        Assert.Equal(("4.2.0", "Contoso.App", BeforePublication), ((string?)release["version"], (string?)release["project"], (string?)release["at"]));
    }

    [Fact]
    public void Gate_RunTwice_RecordsTheReleaseOnce()
    {
        Assert.Equal(ExitCodes.Ok, Gate("--as-of", BeforePublication).ExitCode);
        var (code, _, error) = Gate("--as-of", "2022-05-02T00:00:00Z");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("already recorded", error, StringComparison.Ordinal);
        var release = JsonNode.Parse(File.ReadAllText(_ledger))!["releases"]!.AsArray().Single()!;
        Assert.Equal(BeforePublication, (string?)release["at"]);
    }

    [Fact]
    public void Gate_DryRun_RecordsNothing()
    {
        var (code, _, error) = Gate("--as-of", BeforePublication, "--dry-run");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("recorded", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_ledger));
    }

    [Fact]
    public void Gate_AfterTheAdvisory_FailsWithReasonsAndRecordsNothing()
    {
        var (code, output, _) = Gate("--as-of", AfterPublication, "--project", "Contoso.App");

        Assert.Equal(ExitCodes.PolicyViolated, code);
        AssertGolden("fail-summary.golden.txt", output.Replace(_folder, "<folder>", StringComparison.Ordinal));
        Assert.False(File.Exists(_ledger));
    }

    [Fact]
    public void Gate_RiskAcceptedInTheLedger_PassesAndListsTheExpiry()
    {
        var (accepted, _, _) = CliRunner.Run("sla", "accept", "GHSA-rxg9-xrhp-64gj", "--ledger", _ledger, "--project", "Contoso.App",
            "--reason", "thumbnails of our own images only", "--until", "2099-01-01", "--actor", "security-lead");

        var (code, output, _) = Gate("--as-of", AfterPublication);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (accepted, code));
        Assert.Contains("Accepted risk: GHSA-rxg9-xrhp-64gj in System.Drawing.Common 4.7.0, until 2099-01-01 (thumbnails of our own images only)", output, StringComparison.Ordinal);
        Assert.Contains("PASSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Evidence_WrittenInEveryFormatWhateverTheVerdict()
    {
        var evidence = Path.Combine(_folder, "evidence");

        var (code, _, _) = Gate("--as-of", AfterPublication, "--evidence", evidence);

        Assert.Equal(ExitCodes.PolicyViolated, code);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(evidence, "gate-4.2.0.json")));
        Assert.Equal("failed", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(["SSB3106", "SSB3107"], json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        using var sarif = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(evidence, "gate-4.2.0.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Contains("**FAILED**", File.ReadAllText(Path.Combine(evidence, "gate-4.2.0.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"verdict\": \"failed\"")]
    [InlineData("markdown", "# Release gate: Contoso.App 4.2.0")]
    [InlineData("sarif", "\"ruleId\": \"SSB3106\"")]
    public void Gate_Format_WritesThatFormatToOutput(string format, string expected)
    {
        var output = Path.Combine(_folder, "out." + format);

        var (code, stdout, _) = Gate("--as-of", AfterPublication, "--format", format, "--output", output);

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_TodayWithTheShippedSnapshot_FailsClosedOnStaleData()
    {
        var (code, output, _) = Gate();

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Matches(@"SSB3108 The 'embedded' advisory data is dated 2024-10-09, \d+ days before the gate, more than the allowed 30", output);
    }

    [Fact]
    public void Gate_MaxAgeOption_OverridesTheGatePolicy()
    {
        var policy = Path.Combine(_folder, "gate-policy.json");
        File.WriteAllText(policy, """{ "version": 1, "maxAdvisoryAgeDays": 7 }""");
        var asOf = "2024-10-27T00:00:00Z";

        var (strict, strictOutput, _) = Gate("--as-of", asOf, "--gate-policy", policy, "--dry-run");
        var (relaxed, relaxedOutput, _) = Gate("--as-of", asOf, "--gate-policy", policy, "--max-age", "30", "--dry-run");

        Assert.Equal(ExitCodes.PolicyViolated, strict);
        Assert.Contains("SSB3108 The 'embedded' advisory data is dated 2024-10-09, 17 days before the gate, more than the allowed 7", strictOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("SSB3108", relaxedOutput, StringComparison.Ordinal);
        Assert.Contains("SSB3106 System.Drawing.Common 4.7.0", relaxedOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PolicyViolated, relaxed);
    }

    [Fact]
    public void Gate_GatePolicyBansAPackage_Fails()
    {
        var policy = Path.Combine(_folder, "gate-policy.json");
        File.WriteAllText(policy, """{ "version": 1, "bannedPackages": [ { "id": "Polly", "reason": "use Polly.Core" } ] }""");

        var (code, output, _) = Gate("--as-of", BeforePublication, "--gate-policy", policy);

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Contains("SSB3105 Polly 8.5.2 is banned: use Polly.Core.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_TruncatedSbom_ExitsThreeNamingTheLine()
    {
        var text = File.ReadAllText(_sbom);
        File.WriteAllText(_sbom, text[..(text.Length / 2)]);

        var (code, output, error) = Gate("--as-of", BeforePublication);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.StartsWith($"error SSB3100: {_sbom}(1): '{_sbom}' is not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_MissingSbom_ExitsThree()
    {
        File.Delete(_sbom);

        var (code, _, error) = Gate();

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error SSB3100:", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_BadGatePolicy_ExitsThreeNamingTheField()
    {
        var policy = Path.Combine(_folder, "gate-policy.json");
        File.WriteAllText(policy, "{\n  \"version\": 1,\n  \"licences\": { \"deny\": [\"AGPL-3.0-only\"] }\n}\n");

        var (code, _, error) = Gate("--as-of", BeforePublication, "--gate-policy", policy);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"error SSB3101: {policy}(3): 'licences'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_WithoutRelease_IsAUsageError()
    {
        var (code, _, _) = CliRunner.Run("gate", "--sbom", _sbom);

        Assert.Equal(ExitCodes.UsageError, code);
    }

    [Fact]
    public void Gate_BadAsOf_IsAUsageError()
    {
        var (code, _, error) = Gate("--as-of", "yesterday");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--as-of 'yesterday'", error, StringComparison.Ordinal);
    }

    private static void AssertGolden(string name, string actual)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestData", "gate", name);
        if (Environment.GetEnvironmentVariable("SECUREBUILD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(source), actual);
    }
}
