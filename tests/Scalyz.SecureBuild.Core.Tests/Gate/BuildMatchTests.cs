using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Core.Tests.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class BuildMatchTests
{
    [Theory]
    [InlineData(SbomFormat.CycloneDx16)]
    [InlineData(SbomFormat.Spdx23)]
    public void SbomOfTheBuild_Matches(SbomFormat format) =>
        Assert.Empty(BuildMatch.Check(GateTestData.Parse(GateTestData.Own(format)), [SbomTestData.AppGraph()]));

    [Fact]
    public void OtherHash_IsAMismatch()
    {
        var sbom = GateTestData.Edited(bom => GateTestData.Component(bom, "Polly")["hashes"]![0]!["content"] = new string('a', 128));

        var reason = Assert.Single(BuildMatch.Check(sbom, [SbomTestData.AppGraph()]));

        Assert.Equal(("SSB3109", "Polly 8.5.2"), (reason.Code, reason.Component));
        Assert.Contains("SHA-512 aaaaaaaaaaaaaaaa... in the SBOM", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndExtraPackages_AreMismatches()
    {
        var sbom = GateTestData.Edited(bom =>
        {
            var components = bom["components"]!.AsArray();
            components.Remove(GateTestData.Component(bom, "Polly"));
            var json = GateTestData.Component(bom, "Newtonsoft.Json");
            json["purl"] = "pkg:nuget/Newtonsoft.Json@12.0.3";
        });

        var messages = BuildMatch.Check(sbom, [SbomTestData.AppGraph()]).Select(r => r.Message).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains("Newtonsoft.Json 12.0.3 is in the SBOM but the build does not ship it: regenerate the SBOM from this build.", messages);
        Assert.Contains("Newtonsoft.Json 13.0.3 ships in the build but is missing from the SBOM: regenerate the SBOM from this build.", messages);
        Assert.Contains("Polly 8.5.2 ships in the build but is missing from the SBOM: regenerate the SBOM from this build.", messages);
    }

    [Fact]
    public void Gate_WithTheBuild_ReportsTheMismatchAsAReason()
    {
        var sbom = GateTestData.Edited(bom => GateTestData.Component(bom, "Polly")["hashes"]![0]!["content"] = new string('b', 128));

        var result = GateTestData.Run(sbom, new DateTimeOffset(2024, 10, 10, 0, 0, 0, TimeSpan.Zero), build: [SbomTestData.AppGraph()]);

        Assert.Equal(["SSB3109"], result.Reasons.Select(r => r.Code));
    }
}
