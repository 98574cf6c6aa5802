using System.Text.Json;

namespace Scalyz.SecureBuild.Tasks.Tests;

public sealed class WriteSbomTaskTests : IDisposable
{
    private static readonly string Assets = Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-sbom-task-").FullName;
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private WriteSbomTask Task(string? format = null, string? timestamp = "1769860800", string? rid = null) => new()
    {
        BuildEngine = _engine,
        AssetsFile = Assets,
        OutputFile = Path.Combine(_folder, "securebuild", "sbom.json"),
        Format = format,
        Timestamp = timestamp,
        Authors = "Contoso; Fabrikam",
        RuntimeIdentifier = rid,
        OutputType = "Exe",
    };

    [Fact]
    public void Execute_Defaults_WritesCycloneDx16WithTimestampAuthorsAndApplicationRoot()
    {
        var task = Task();

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal(task.OutputFile, task.WrittenFile);
        using var bom = JsonDocument.Parse(File.ReadAllText(task.OutputFile));
        var metadata = bom.RootElement.GetProperty("metadata");
        Assert.Equal("1.6", bom.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal("2026-01-31T12:00:00Z", metadata.GetProperty("timestamp").GetString());
        Assert.Equal(["Contoso", "Fabrikam"], metadata.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("application", metadata.GetProperty("component").GetProperty("type").GetString());
    }

    [Fact]
    public void Execute_PackagesNotInThePackageFolder_WarnsSsb3001OnceAtTheProject()
    {
        Assert.True(Task().Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("SSB3001", warning.Code);
        Assert.Equal("/src/Contoso.App/Contoso.App.csproj", warning.File);
    }

    [Fact]
    public void Execute_TwiceWithFixedTimestamp_SameBytes()
    {
        var task = Task();
        Assert.True(task.Execute());
        var first = File.ReadAllBytes(task.OutputFile);
        File.Delete(task.OutputFile);

        Assert.True(Task().Execute());

        Assert.Equal(first, File.ReadAllBytes(task.OutputFile));
    }

    [Fact]
    public void Execute_SpdxWithRuntime_WritesSpdxOfThePublishGraph()
    {
        var task = Task("spdx", rid: "linux-x64");

        Assert.True(task.Execute());

        using var spdx = JsonDocument.Parse(File.ReadAllText(task.OutputFile));
        Assert.Equal("SPDX-2.3", spdx.RootElement.GetProperty("spdxVersion").GetString());
        Assert.DoesNotContain(spdx.RootElement.GetProperty("packages").EnumerateArray(), p => p.GetProperty("name").GetString() == "System.Drawing.Common");
    }

    [Fact]
    public void Execute_UnknownFormat_LogsSsb3003AndWritesNothing()
    {
        var task = Task("swid");

        Assert.False(task.Execute());

        Assert.Equal("SSB3003", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(task.OutputFile));
    }

    [Fact]
    public void Execute_BadTimestamp_LogsSsb3003()
    {
        Assert.False(Task(timestamp: "last tuesday").Execute());

        Assert.Equal("SSB3003", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Execute_RuntimeNotRestored_LogsSsb3002()
    {
        Assert.False(Task(rid: "osx-arm64").Execute());

        Assert.Equal("SSB3002", Assert.Single(_engine.Errors).Code);
    }
}
