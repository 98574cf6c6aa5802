using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class ReleaseGateTests
{
    private static readonly DateTimeOffset Now = new(2024, 10, 10, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> Codes(GateResult result) => result.Reasons.Select(r => r.Code);

    [Theory]
    [InlineData(SbomFormat.CycloneDx16)]
    [InlineData(SbomFormat.CycloneDx15)]
    [InlineData(SbomFormat.Spdx23)]
    public void OwnSbom_Passes(SbomFormat format)
    {
        var result = GateTestData.Run(GateTestData.Parse(GateTestData.Own(format)), Now);

        Assert.True(result.Passed, string.Join("\n", result.Reasons));
    }

    [Fact]
    public void MissingPurl_Fails()
    {
        var result = GateTestData.Run(GateTestData.Edited(bom => GateTestData.Component(bom, "Polly").Remove("purl")), Now);

        var reason = Assert.Single(result.Reasons);
        Assert.Equal(("SSB3103", "Polly 8.5.2"), (reason.Code, reason.Component));
        Assert.Contains("no package URL", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SHA-512", "abc", "needs 128 hex digits")]
    [InlineData("SHA-512", null, "not hexadecimal")]
    [InlineData("MD5", "0123456789abcdef0123456789abcdef", "MD5 and SHA-1 are broken")]
    [InlineData("CRC32", "01234567", "not a known strong hash")]
    public void BadHash_Fails(string algorithm, string? value, string expected)
    {
        var result = GateTestData.Run(GateTestData.Edited(bom =>
        {
            var hash = GateTestData.Component(bom, "Polly")["hashes"]![0]!.AsObject();
            hash["alg"] = algorithm;
            hash["content"] = value ?? new string('z', 128);
        }), Now);

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("SSB3103", reason.Code);
        Assert.Contains(expected, reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingHash_FailsUnlessThePolicyWaivesHashes()
    {
        var sbom = GateTestData.Edited(bom => GateTestData.Component(bom, "Polly").Remove("hashes"));

        Assert.Equal(["SSB3103"], Codes(GateTestData.Run(sbom, Now)));
        Assert.True(GateTestData.Run(sbom, Now, GatePolicy.Default with { RequireHashes = false }).Passed);
    }

    [Fact]
    public void MissingNtiaElements_Fail()
    {
        var result = GateTestData.Run(GateTestData.Edited(bom =>
        {
            var metadata = bom["metadata"]!.AsObject();
            metadata.Remove("authors");
            metadata.Remove("timestamp");
            var polly = GateTestData.Component(bom, "Polly");
            polly.Remove("supplier");
            polly.Remove("version");
            var dependencies = bom["dependencies"]!.AsArray();
            dependencies.Remove(dependencies.Single(d => (string?)d!["ref"] == "pkg:nuget/Polly@8.5.2"));
        }), Now);

        Assert.All(result.Reasons, r => Assert.Equal("SSB3102", r.Code));
        var messages = string.Join("\n", result.Reasons.Select(r => r.Message));
        Assert.Contains("author", messages, StringComparison.Ordinal);
        Assert.Contains("timestamp", messages, StringComparison.Ordinal);
        Assert.Contains("Polly has no version, supplier, dependency relationships", messages, StringComparison.Ordinal);
        Assert.Equal(3, result.Reasons.Count);
    }

    [Theory]
    [InlineData("MIT OR AGPL-3.0-only", true)]
    [InlineData("MIT AND AGPL-3.0-only", false)]
    [InlineData("AGPL-3.0-only", false)]
    [InlineData("MIT OR (", false)]
    public void DeniedLicense_FailsUnlessAnAllowedChoiceExists(string expression, bool passes)
    {
        var sbom = GateTestData.Edited(bom => GateTestData.Component(bom, "Polly")["licenses"] = new JsonArray(new JsonObject { ["expression"] = expression }));
        var policy = GatePolicy.Default with { DeniedLicenses = ["AGPL-3.0-only"] };

        var result = GateTestData.Run(sbom, Now, policy);

        Assert.Equal(passes, result.Passed);
        Assert.All(result.Reasons, r => Assert.Equal(("SSB3104", "Polly 8.5.2"), (r.Code, r.Component)));
    }

    [Fact]
    public void AllowList_FailsOtherLicensesAndPackagesWithoutAnSpdxLicense()
    {
        var result = GateTestData.Run(GateTestData.Parse(GateTestData.Own(SbomFormat.CycloneDx16)), Now, GatePolicy.Default with { AllowedLicenses = ["MIT"] });

        // Polly is BSD-3-Clause; Humanizer.Core ships only a license file, which is not an SPDX license.
        Assert.All(result.Reasons, r => Assert.Equal("SSB3104", r.Code));
        Assert.Contains(result.Reasons, r => r.Component == "Polly 8.5.2" && r.Message.Contains("BSD-3-Clause", StringComparison.Ordinal));
        Assert.Contains(result.Reasons, r => r.Component == "Humanizer.Core 2.14.1" && r.Message.Contains("no SPDX license", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Reasons, r => r.Component == "Newtonsoft.Json 13.0.3");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("[13.0.3]", false)]
    [InlineData("(, 13.0.1)", true)]
    public void BannedPackage_FailsWhenTheVersionIsInTheRange(string? versions, bool passes)
    {
        var banned = new BannedPackage("newtonsoft.json", versions is null ? null : VersionRange.Parse(versions), "replaced by System.Text.Json");

        var result = GateTestData.Run(GateTestData.Parse(GateTestData.Own(SbomFormat.CycloneDx16)), Now, GatePolicy.Default with { BannedPackages = [banned] });

        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            var reason = Assert.Single(result.Reasons);
            Assert.Equal("SSB3105", reason.Code);
            Assert.EndsWith("banned" + (versions is null ? string.Empty : $" in versions {versions}") + ": replaced by System.Text.Json.", reason.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void AdvisoryDataOlderThanTheMaximum_Fails(int daysOld, bool passes)
    {
        var data = GateTestData.Data(Now.AddDays(-daysOld));

        var result = GateTestData.Run(GateTestData.Parse(GateTestData.Own(SbomFormat.CycloneDx16)), Now, data: data);

        Assert.Equal(passes, result.Passed);
        Assert.All(result.Reasons, r => Assert.Equal("SSB3108", r.Code));
    }

    [Fact]
    public void NoAdvisoryData_Fails()
    {
        var data = new AdvisoryLoadResult(AdvisoryIndex.Build([]), [], [new AdvisoryNotice("SSB0201", true, "The embedded advisory snapshot is missing.")]);

        var result = GateTestData.Run(GateTestData.Parse(GateTestData.Own(SbomFormat.CycloneDx16)), Now, data: data);

        Assert.Equal(["SSB3108", "SSB3108"], Codes(result));
        Assert.Contains(result.Reasons, r => r.Message.Contains("SSB0201", StringComparison.Ordinal));
    }

    [Fact]
    public void CriticalAdvisory_CountsOnlyFromItsPublication()
    {
        var sbom = GateTestData.WithPackage("System.Drawing.Common", "4.7.0");

        var before = GateTestData.Run(sbom, GateTestData.CriticalPublished.AddSeconds(-1));
        var after = GateTestData.Run(sbom, GateTestData.CriticalPublished.AddDays(1));

        Assert.True(before.Passed, string.Join("\n", before.Reasons));
        Assert.Empty(before.Findings);
        Assert.Equal(["SSB3106", "SSB3107"], Codes(after));
        Assert.Contains("GHSA-rxg9-xrhp-64gj", after.Reasons[0].Message, StringComparison.Ordinal);
        Assert.Contains("upgrade to 4.7.2 or later", after.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedVersion_Passes() =>
        Assert.True(GateTestData.Run(GateTestData.WithPackage("System.Drawing.Common", "4.7.2"), GateTestData.CriticalPublished.AddDays(1)).Passed);

    [Fact]
    public void AcceptedRisk_PassesAndIsListedWithItsExpiry()
    {
        var at = GateTestData.CriticalPublished.AddDays(1);
        var until = at.AddDays(14);
        var acceptance = new RiskAcceptance("GHSA-rxg9-xrhp-64gj", "Contoso.App", null, "security-lead", "only used for thumbnails of trusted files", until, at.AddHours(-1));
        var ledger = LedgerSnapshot.Empty with { Acceptances = [acceptance] };

        var result = GateTestData.Run(GateTestData.WithPackage("System.Drawing.Common", "4.7.0"), at, ledger: ledger);
        var expired = GateTestData.Run(GateTestData.WithPackage("System.Drawing.Common", "4.7.0"), until.AddSeconds(1), ledger: ledger);

        Assert.True(result.Passed);
        Assert.Equal(until, Assert.Single(result.AcceptedRisks).Acceptance!.Until);
        Assert.Contains($"until {until:yyyy-MM-dd}", GateReport.ToSummary(result), StringComparison.Ordinal);
        Assert.Equal(["SSB3106", "SSB3107"], Codes(expired));
    }

    [Fact]
    public void HighAdvisoryWithinItsDeadline_Passes()
    {
        // Important findings are due by the next release; none is recorded after publication, so nothing is breached yet.
        var sbom = GateTestData.WithPackage("System.Text.Json", "8.0.4");
        var result = GateTestData.Run(sbom, new DateTimeOffset(2024, 10, 9, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Passed, string.Join("\n", result.Reasons));
        Assert.NotEmpty(result.Findings);
    }

    [Fact]
    public void Reports_CarryTheVerdictAndReasons()
    {
        var result = GateTestData.Run(GateTestData.WithPackage("System.Drawing.Common", "4.7.0"), GateTestData.CriticalPublished.AddDays(1));

        using var json = JsonDocument.Parse(GateReport.ToJson(result));
        Assert.Equal("failed", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("SSB3106", json.RootElement.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal("GHSA-rxg9-xrhp-64gj", json.RootElement.GetProperty("findings")[0].GetProperty("advisory").GetString());
        using var sarif = JsonDocument.Parse(GateReport.ToSarif(result, "1.0.0"));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("SSB3106", results[0].GetProperty("ruleId").GetString());
        var markdown = GateReport.ToMarkdown(result);
        Assert.Contains("**FAILED**", markdown, StringComparison.Ordinal);
        Assert.Contains("| GHSA-rxg9-xrhp-64gj | System.Drawing.Common 4.7.0 | CRITICAL | 2022-05-24 |", markdown, StringComparison.Ordinal);
        Assert.Contains("FAILED: 2 reason(s)", GateReport.ToSummary(result), StringComparison.Ordinal);
        Assert.Contains("PASSED", Encoding.UTF8.GetString(GateReport.ToJson(GateTestData.Run(GateTestData.WithPackage("System.Drawing.Common", "4.7.2"), Now))).ToUpperInvariant(), StringComparison.Ordinal);
    }
}
