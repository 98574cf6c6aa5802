using System.Text.Json;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Testing;

namespace Scalyz.SecureBuild.Core.Tests.Sbom;

public sealed class SbomWriterTests
{
    [Theory]
    [InlineData(SbomFormat.CycloneDx16, "app.cdx-1.6.golden.json")]
    [InlineData(SbomFormat.CycloneDx15, "app.cdx-1.5.golden.json")]
    [InlineData(SbomFormat.Spdx23, "app.spdx-2.3.golden.json")]
    public void Write_FixedTimestamp_MatchesGoldenFile(SbomFormat format, string golden)
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options);

        SbomTestData.AssertGolden(golden, SbomWriter.Write(document, format));
    }

    [Theory]
    [InlineData(SbomFormat.CycloneDx16, "cyclonedx-1.6")]
    [InlineData(SbomFormat.CycloneDx15, "cyclonedx-1.5")]
    [InlineData(SbomFormat.Spdx23, "spdx-2.3")]
    public void Write_AnyFormat_PassesTheOfficialValidator(SbomFormat format, string kind)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ssb-sbom-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, SbomWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options with { RuntimeIdentifier = "linux-x64" }), format));
        try
        {
            var (exitCode, output) = SbomValidator.Validate(kind, file);

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Validator_BrokenCycloneDx_IsRejectedWithTheSchemaMessage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ssb-sbom-{Guid.NewGuid():N}.json");
        var good = SbomWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options), SbomFormat.CycloneDx16);
        File.WriteAllText(file, System.Text.Encoding.UTF8.GetString(good).Replace("\"scope\": \"excluded\"", "\"scope\": \"dev\"", StringComparison.Ordinal));
        try
        {
            var (exitCode, output) = SbomValidator.Validate("cyclonedx-1.6", file);

            Assert.Equal(1, exitCode);
            Assert.Contains("scope", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Write_SameInputs_SameBytesAndSerialFromContent()
    {
        var first = CycloneDxWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options));
        var second = CycloneDxWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options));
        var later = CycloneDxWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options with { Timestamp = SbomTestData.FixedTime.AddSeconds(1) }));

        Assert.Equal(first, second);
        Assert.NotEqual(Serial(first), Serial(later));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", Serial(first));
    }

    [Fact]
    public void Write_CycloneDx16_HasTheNtiaMinimumElements()
    {
        using var bom = JsonDocument.Parse(CycloneDxWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options)));
        var metadata = bom.RootElement.GetProperty("metadata");

        Assert.Equal("2026-01-31T12:00:00Z", metadata.GetProperty("timestamp").GetString());
        Assert.Equal("Contoso Release Engineering", metadata.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal("build", metadata.GetProperty("lifecycles")[0].GetProperty("phase").GetString());
        Assert.Equal(SbomBuilder.ToolName, metadata.GetProperty("tools").GetProperty("components")[0].GetProperty("name").GetString());
        var root = metadata.GetProperty("component");
        Assert.Equal(("application", "Contoso.App", "3.1.0", "project:Contoso.App@3.1.0"), (root.GetProperty("type").GetString(), root.GetProperty("name").GetString(), root.GetProperty("version").GetString(), root.GetProperty("bom-ref").GetString()));
        // A first-party project has a supplier (here the SBOM author, as the test project declares no Company) but no registry purl or hash.
        Assert.Equal("Contoso Release Engineering", root.GetProperty("supplier").GetProperty("name").GetString());
        Assert.False(root.TryGetProperty("purl", out _));
        var lib = bom.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Contoso.Lib");
        Assert.Equal("project:Contoso.Lib@2.0.0", lib.GetProperty("bom-ref").GetString());
        Assert.Equal("Contoso Release Engineering", lib.GetProperty("supplier").GetProperty("name").GetString());
        Assert.False(lib.TryGetProperty("purl", out _));
        Assert.False(lib.TryGetProperty("hashes", out _));
        var polly = bom.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Polly");
        Assert.Equal("Michael Wolfenden, App vNext", polly.GetProperty("supplier").GetProperty("name").GetString());
        Assert.Equal("required", polly.GetProperty("scope").GetString());
        Assert.Equal("BSD-3-Clause", polly.GetProperty("licenses")[0].GetProperty("expression").GetString());
    }

    [Theory]
    [InlineData("cyclonedx", SbomFormat.CycloneDx16)]
    [InlineData("CycloneDX-1.5", SbomFormat.CycloneDx15)]
    [InlineData("spdx", SbomFormat.Spdx23)]
    [InlineData("", SbomFormat.CycloneDx16)]
    public void ParseFormat_KnownNames_Parse(string name, SbomFormat expected) => Assert.Equal(expected, SbomWriter.ParseFormat(name));

    [Fact]
    public void ParseFormat_Unknown_IsNull() => Assert.Null(SbomWriter.ParseFormat("swid"));

    private static string Serial(byte[] bom)
    {
        using var document = JsonDocument.Parse(bom);
        return document.RootElement.GetProperty("serialNumber").GetString()!;
    }
}
