using System.Text.Json;

namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class SbomCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "sbom");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-sbom-").FullName;
    private readonly string _app;

    public SbomCommandTests()
    {
        // The assets files name the test package folder, so the SBOM gets the nuspec metadata.
        var assets = File.ReadAllText(Path.Combine(Data, "app.assets.json"))
            .Replace("/nonexistent/.nuget/packages/", JsonEncodedText.Encode(Path.Combine(Data, "packages") + Path.DirectorySeparatorChar).ToString(), StringComparison.Ordinal);
        _app = AddProject("Contoso.App", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>", assets);
        AddProject("Contoso.App.Tests", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>", assets.Replace("\"projectName\": \"Contoso.App\"", "\"projectName\": \"Contoso.App.Tests\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Sbom_Project_PrintsCycloneDx16WithTheProjectAsRoot()
    {
        var (code, output, error) = CliRunner.Run("sbom", _app, "--timestamp", "1769860800", "--author", "Contoso");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, error);
        using var bom = JsonDocument.Parse(output);
        var metadata = bom.RootElement.GetProperty("metadata");
        Assert.Equal("1.6", bom.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal("2026-01-31T12:00:00Z", metadata.GetProperty("timestamp").GetString());
        Assert.Equal("project:Contoso.App@3.1.0", metadata.GetProperty("component").GetProperty("bom-ref").GetString());
        Assert.False(metadata.GetProperty("component").TryGetProperty("purl", out _));
        Assert.Equal("application", metadata.GetProperty("component").GetProperty("type").GetString());
        Assert.Equal("Contoso", metadata.GetProperty("authors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Sbom_Folder_OneApplicationSbomWithoutTheTestProject()
    {
        var (code, output, _) = CliRunner.Run("sbom", _folder, "--app-name", "Contoso", "--timestamp", "1769860800");

        Assert.Equal(ExitCodes.Ok, code);
        using var bom = JsonDocument.Parse(output);
        Assert.Equal("application:Contoso@3.1.0", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString());
        var names = bom.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("Contoso.App", names);
        Assert.DoesNotContain("Contoso.App.Tests", names);
        var root = bom.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "application:Contoso@3.1.0");
        Assert.Equal(["project:Contoso.App@3.1.0"], root.GetProperty("dependsOn").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Sbom_FolderIncludeTests_KeepsTheTestProject()
    {
        var (code, output, _) = CliRunner.Run("sbom", _folder, "--include-tests", "--timestamp", "1769860800");

        Assert.Equal(ExitCodes.Ok, code);
        using var bom = JsonDocument.Parse(output);
        Assert.Contains(bom.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "Contoso.App.Tests");
    }

    [Fact]
    public void Sbom_TestProjectNamedOnItsOwn_IsDescribed()
    {
        var (code, output, _) = CliRunner.Run("sbom", Path.Combine(_folder, "Contoso.App.Tests", "Contoso.App.Tests.csproj"));

        Assert.Equal(ExitCodes.Ok, code);
        using var bom = JsonDocument.Parse(output);
        Assert.Equal("Contoso.App.Tests", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
    }

    [Fact]
    public void Sbom_PerProjectSpdx_WritesOneFilePerShippedProject()
    {
        var target = Path.Combine(_folder, "sboms");

        var (code, output, _) = CliRunner.Run("sbom", _folder, "--per-project", "--format", "spdx", "-o", target);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(["Contoso.App.spdx.json"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Contains("Contoso.App:", output, StringComparison.Ordinal);
        using var spdx = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "Contoso.App.spdx.json")));
        Assert.Equal("SPDX-2.3", spdx.RootElement.GetProperty("spdxVersion").GetString());
    }

    [Fact]
    public void Sbom_Runtime_DescribesThePublishGraphAndWarnsAboutTheMissingPackage()
    {
        var (code, output, error) = CliRunner.Run("sbom", _app, "--runtime", "linux-x64", "-f", "cyclonedx-1.5");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("warning SSB3001: ", error, StringComparison.Ordinal);
        using var bom = JsonDocument.Parse(output);
        Assert.Equal("1.5", bom.RootElement.GetProperty("specVersion").GetString());
        Assert.Contains(bom.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "runtime.linux-x64.Contoso.Native");
    }

    [Fact]
    public void Sbom_NotRestored_ExitsBadInputWithSsb0002()
    {
        File.Delete(Path.Combine(Path.GetDirectoryName(_app)!, "obj", "project.assets.json"));

        var (code, output, error) = CliRunner.Run("sbom", _app);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error SSB0002: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sbom_BadTimestamp_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("sbom", _app, "--timestamp", "soon");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--timestamp", error, StringComparison.Ordinal);
    }

    private string AddProject(string name, string projectXml, string assets)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name, "obj")).Parent!.FullName;
        var project = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(project, projectXml);
        File.WriteAllText(Path.Combine(folder, "obj", "project.assets.json"), assets);
        return project;
    }
}
