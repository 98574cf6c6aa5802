using System.Text;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class ShippedSbomTests
{
    [Theory]
    [InlineData(SbomFormat.CycloneDx16, "CycloneDX 1.6")]
    [InlineData(SbomFormat.CycloneDx15, "CycloneDX 1.5")]
    [InlineData(SbomFormat.Spdx23, "SPDX 2.3")]
    public void OwnSbom_ReadsWhatShips(SbomFormat format, string expected)
    {
        var sbom = GateTestData.Parse(GateTestData.Own(format));

        Assert.Equal(expected, sbom.Format);
        Assert.Equal("Contoso.App", sbom.Subject);
        Assert.Equal(["Contoso Release Engineering"], sbom.Authors);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), sbom.Timestamp);
        var names = sbom.Components.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Newtonsoft.Json", names);
        Assert.DoesNotContain("Contoso.BuildTool", names);
        var json = sbom.Components.First(c => c.Name == "Newtonsoft.Json");
        Assert.Equal("pkg:nuget/Newtonsoft.Json@13.0.3", json.Purl);
        Assert.Equal("MIT", json.License);
        Assert.Equal(128, Assert.Single(json.Hashes).Value.Length);
        Assert.True(json.HasRelationships);
        Assert.True(sbom.Components.Single(c => c.Name == "Contoso.Lib").IsFirstParty);
    }

    [Fact]
    public void TruncatedFile_IsAnErrorNamingTheLine()
    {
        var whole = GateTestData.Own(SbomFormat.CycloneDx16);

        var error = Assert.Throws<InputFileException>(() => ShippedSbom.Parse(whole[..(whole.Length / 2)], "bom.json"));

        Assert.Equal("SSB3100", error.Code);
        Assert.NotNull(error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"specVersion\": \"1.6\"", "\"specVersion\": \"1.4\"", "CycloneDX 1.4")]
    [InlineData("\"bomFormat\": \"CycloneDX\"", "\"bomFormat\": \"SWID\"", "neither")]
    public void UnknownSpecVersionOrFormat_IsAnError(string from, string to, string expected)
    {
        var text = Encoding.UTF8.GetString(GateTestData.Own(SbomFormat.CycloneDx16)).Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Throws<InputFileException>(() => ShippedSbom.Parse(Encoding.UTF8.GetBytes(text), "bom.json"));

        Assert.Equal("SSB3100", error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpdxOtherVersion_IsAnError()
    {
        var text = Encoding.UTF8.GetString(GateTestData.Own(SbomFormat.Spdx23)).Replace("\"SPDX-2.3\"", "\"SPDX-2.2\"", StringComparison.Ordinal);

        var error = Assert.Throws<InputFileException>(() => ShippedSbom.Parse(Encoding.UTF8.GetBytes(text), "bom.json"));

        Assert.Contains("SPDX-2.2", error.Message, StringComparison.Ordinal);
    }
}
