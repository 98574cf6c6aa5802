using System.Text.Json;

namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class DepsCommandTests : IDisposable
{
    private readonly string _project;
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-").FullName;

    public DepsCommandTests()
    {
        _project = Path.Combine(_folder, "Contoso.App", "Contoso.App.csproj");
        Directory.CreateDirectory(Path.Combine(_folder, "Contoso.App", "obj"));
        File.WriteAllText(_project, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"), Path.Combine(_folder, "Contoso.App", "obj", "project.assets.json"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Deps_Project_PrintsGoldenTable()
    {
        var (code, output, error) = CliRunner.Run("deps", _project);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, error);
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "deps-table.golden.txt")), output);
    }

    [Fact]
    public void Deps_FolderAsJson_PrintsEveryProjectsGraph()
    {
        var (code, output, _) = CliRunner.Run("deps", _folder, "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var project = Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray());
        Assert.Equal("Contoso.App", project.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal(3, project.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public void Deps_OutputFile_WritesJsonThereAndNothingToStdout()
    {
        var file = Path.Combine(_folder, "out", "deps.json");

        var (code, output, _) = CliRunner.Run("deps", _project, "-f", "json", "-o", file);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Deps_UnrestoredProject_ExitsBadInputNamingTheAssetsFile()
    {
        File.Delete(Path.Combine(_folder, "Contoso.App", "obj", "project.assets.json"));

        var (code, output, error) = CliRunner.Run("deps", _project);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error SSB0002: ", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("obj", "project.assets.json"), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deps_UnknownFormat_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("deps", _project, "--format", "xml");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }
}
