using System.Text.Json;

namespace Scalyz.SecureBuild.Tasks.Tests;

public sealed class WriteDependencyGraphTaskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-task-").FullName;
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private WriteDependencyGraphTask Task(string assets) => new()
    {
        BuildEngine = _engine,
        AssetsFile = assets,
        OutputFile = Path.Combine(_folder, "securebuild", "dependencies.json"),
    };

    [Fact]
    public void Execute_ValidAssetsFile_WritesGraphAndSucceeds()
    {
        var task = Task(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal(task.OutputFile, task.WrittenFile);
        using var json = JsonDocument.Parse(File.ReadAllText(task.OutputFile));
        Assert.Equal(3, json.RootElement.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public void Execute_MissingAssetsFile_LogsSsb0002AtTheFile()
    {
        var missing = Path.Combine(_folder, "obj", "project.assets.json");

        Assert.False(Task(missing).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("SSB0002", error.Code);
        Assert.Equal(missing, error.File);
        Assert.Equal("https://github.com/scalyz/securebuild/blob/main/src/docs/rules/SSB0002.md", error.HelpLink);
        Assert.False(File.Exists(Path.Combine(_folder, "securebuild", "dependencies.json")));
    }

    [Fact]
    public void Execute_CorruptAssetsFile_LogsSsb0003WithLineAndKeepsPreviousOutput()
    {
        var assets = Path.Combine(_folder, "project.assets.json");
        File.WriteAllText(assets, "{\n  \"version\": 3,\n  \"targets\": {\n    \"net8.0\": {\n");
        var output = Path.Combine(_folder, "securebuild", "dependencies.json");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "previous");

        Assert.False(Task(assets).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("SSB0003", error.Code);
        Assert.Equal(assets, error.File);
        Assert.True(error.LineNumber > 0);
        Assert.Equal("previous", File.ReadAllText(output));
    }
}
