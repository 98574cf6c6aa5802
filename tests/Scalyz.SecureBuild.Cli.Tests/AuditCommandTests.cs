using System.IO.Compression;
using System.Text.Json;

namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-audit-").FullName;
    private readonly string _project;
    private readonly string _cache;

    public AuditCommandTests()
    {
        _project = Path.Combine(_folder, "Contoso.App", "Contoso.App.csproj");
        _cache = Path.Combine(_folder, "cache");
        Directory.CreateDirectory(Path.Combine(_folder, "Contoso.App", "obj"));
        WriteProject(string.Empty);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"), Path.Combine(_folder, "Contoso.App", "obj", "project.assets.json"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Audit_VulnerableProject_PrintsTheFindingAndExitsOne()
    {
        var (code, output, error) = CliRunner.Run("audit", _project, "--cache", _cache);

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Contains("Advisory data: embedded, 237 records, dated 2024-10-09", output, StringComparison.Ordinal);
        var row = output.Split('\n').Single(l => l.StartsWith("Contoso.App.csproj", StringComparison.Ordinal));
        Assert.Matches(@"System\.Drawing\.Common\s+4\.7\.0\s+critical\s+9\.8\s+GHSA-rxg9-xrhp-64gj/CVE-2021-24112\s+4\.7\.2\s+direct\s+SSB4004 Contoso\.App\.csproj:3", row);
        // The shipped data ends in 2024: the tool says so rather than pretending it is current.
        Assert.Matches(@"warning SSB0202: The 'embedded' advisory data is dated 2024-10-09, \d+ days old", error);
    }

    [Fact]
    public void Audit_LevelAboveTheFinding_ExitsZero()
    {
        var (code, _, _) = CliRunner.Run("audit", _project, "--cache", _cache, "--level", "critical", "--mode", "direct");
        var (moderate, _, _) = CliRunner.Run("audit", _project, "--cache", _cache, "--level", "moderate");

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Equal(ExitCodes.PolicyViolated, moderate);
    }

    [Fact]
    public void Audit_JustifiedSuppressionInTheProject_ExitsZeroAndShowsIt()
    {
        WriteProject("<SecureBuildSuppress Include=\"GHSA-rxg9-xrhp-64gj\" Justification=\"Only our own images are decoded.\" Until=\"2099-01-01\" />");

        var (code, output, _) = CliRunner.Run("audit", _project, "--cache", _cache);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("suppressed: Only our own images are decoded.", output, StringComparison.Ordinal);
        Assert.Contains("0 finding(s), 1 suppressed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_ExpiredSuppression_FailsAgain()
    {
        WriteProject("<SecureBuildSuppress Include=\"CVE-2021-24112\" Justification=\"Accepted for 2024.\" Until=\"2025-01-01\" />");

        var (code, output, _) = CliRunner.Run("audit", _project, "--cache", _cache);

        Assert.Equal(ExitCodes.PolicyViolated, code);
        Assert.Contains("suppression expired", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_JsonAndSarif_CarryTheFindingWithItsLine()
    {
        var (_, json, _) = CliRunner.Run("audit", _project, "--cache", _cache, "--format", "json");
        var (_, sarif, _) = CliRunner.Run("audit", _project, "--cache", _cache, "--format", "sarif");

        using var report = JsonDocument.Parse(json);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("SSB4004", 3, 9.8), (finding.GetProperty("code").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("cvssScore").GetDouble()));
        Assert.False(report.RootElement.GetProperty("complete").GetBoolean());
        using var log = JsonDocument.Parse(sarif);
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var result = Assert.Single(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal(3, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Audit_CycloneDxSbom_AuditsItsNuGetComponents()
    {
        var sbom = Path.Combine(_folder, "bom.json");
        File.WriteAllText(sbom, """
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[
              {"type":"library","name":"System.Drawing.Common","version":"4.7.0","purl":"pkg:nuget/System.Drawing.Common@4.7.0"},
              {"type":"library","name":"left-pad","version":"1.0.0","purl":"pkg:npm/left-pad@1.0.0"},
              {"type":"library","name":"RestSharp","version":"112.0.0","purl":"pkg:nuget/RestSharp@112.0.0?repository_url=https://api.nuget.org/v3/index.json",
               "components":[{"type":"library","name":"Newtonsoft.Json","purl":"pkg:nuget/Newtonsoft.Json@12.0.3"}]}]}
            """);

        var (code, output, _) = CliRunner.Run("audit", sbom, "--cache", _cache, "--format", "json");

        Assert.Equal(ExitCodes.PolicyViolated, code);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(["Newtonsoft.Json", "System.Drawing.Common"], report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("package").GetString()).Order());
    }

    [Fact]
    public void Audit_NotAnSbom_IsBadInput()
    {
        var file = Path.Combine(_folder, "other.json");
        File.WriteAllText(file, "{\"hello\": 1}");

        var (code, _, error) = CliRunner.Run("audit", file, "--cache", _cache);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error SSB3100:", error, StringComparison.Ordinal);
        Assert.Contains("neither a CycloneDX JSON SBOM", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OsvApiUnreachableAndFallbackRefused_ExitsFour()
    {
        var (code, _, error) = CliRunner.Run("audit", _project, "--cache", _cache, "--sources", "embedded;osv-api", "--unreachable", "fail", "--api", "http://127.0.0.1:9/");

        Assert.True(code == ExitCodes.AdvisorySourceUnreachable, error);
        Assert.Contains("error SSB0203:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DbImportThenInfo_ShowsTheImportedDumpAndAuditUsesIt()
    {
        var zip = Path.Combine(_folder, "all.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(AppContext.BaseDirectory, "TestData", "osv", "GHSA-rxg9-xrhp-64gj.json"), "GHSA-rxg9-xrhp-64gj.json");
        }

        var import = CliRunner.Run("db", "import", zip, "--cache", _cache);
        var info = CliRunner.Run("db", "info", "--cache", _cache);
        var audit = CliRunner.Run("audit", _project, "--cache", _cache, "--format", "json");

        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.StartsWith("Imported 1 NuGet advisories (of 1 records) dated 2022-10-25", import.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, info.ExitCode);
        Assert.Matches(@"osv-dump\s+\S+\s+1\s+1\s+2022-10-25", info.Output);
        Assert.Matches(@"embedded\s+\S+\s+237\s+\d+\s+2024-10-09", info.Output);
        using var report = JsonDocument.Parse(audit.Output);
        Assert.Equal(["embedded", "osv-dump"], report.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("source").GetString()));
    }

    [Fact]
    public void DbImport_ZipSlipArchive_IsRefusedWithSsb0204()
    {
        var zip = Path.Combine(_folder, "evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("../../outside.json");
        }

        var (code, _, error) = CliRunner.Run("db", "import", zip, "--cache", _cache);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error SSB0204:", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache) && Directory.EnumerateFiles(_cache, "*", SearchOption.AllDirectories).Any());
    }

    private void WriteProject(string extra) => File.WriteAllText(_project, $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="System.Drawing.Common" Version="4.7.0" />
            {extra}
          </ItemGroup>
        </Project>
        """);
}
