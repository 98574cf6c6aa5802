using System.Text.Json.Nodes;
using Microsoft.Build.Utilities;

namespace Scalyz.SecureBuild.Tasks.Tests;

public sealed class CollectBypassesTaskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-bypass-task-").FullName;
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Bypasses_AreWarningsAtTheirLines_JustifiedOnesMessages_WrittenAndRecorded()
    {
        var project = Write("App.csproj", "<Project>\n  <ItemGroup>\n    <SecureBuildSuppress Include=\"GHSA-aaaa-bbbb-cccc\" />\n  </ItemGroup>\n</Project>\n");
        var code = Write("Program.cs", "#pragma warning disable SSB2001\n#pragma warning disable SSB2010 // Jitter for retries, not a secret\n");
        var output = Path.Combine(_folder, "obj", "securebuild", "bypasses.json");
        var ledger = Path.Combine(_folder, "ledger.json");
        var task = new CollectBypassesTask
        {
            BuildEngine = _engine,
            ProjectName = "App",
            ProjectFile = project,
            OutputFile = output,
            SourceFiles = [new TaskItem(code)],
            Properties = [Property("SecureBuildSla", "false"), Property("SecureBuildAudit", "true")],
            Suppressions = [new TaskItem("GHSA-aaaa-bbbb-cccc")],
            LedgerFile = ledger,
            AsOf = "2026-12-05T00:00:00Z",
        };

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal(
            [
                ("SSB0402", project, 3),
                ("SSB0400", code, 1),
                ("SSB0401", project, 0),
            ],
            _engine.Warnings.Select(w => (w.Code, w.File, w.LineNumber)));
        Assert.Equal(3, task.UnjustifiedCount);
        var justified = Assert.Single(_engine.Messages, m => m.Code == "SSB0403");
        Assert.Equal((code, 2), (justified.File, justified.LineNumber));
        Assert.Contains("Jitter for retries, not a secret", justified.Message, StringComparison.Ordinal);
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(output))!["bypasses"]!.AsArray().Count);
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(ledger))!["bypasses"]!.AsArray().Count);
    }

    [Fact]
    public void NoBypass_WritesEmptyEvidence_AndLogsNothing()
    {
        var project = Write("App.csproj", "<Project />");
        var output = Path.Combine(_folder, "bypasses.json");
        var task = new CollectBypassesTask { BuildEngine = _engine, ProjectName = "App", ProjectFile = project, OutputFile = output, SourceFiles = [new TaskItem(Write("C.cs", "class C { }"))] };

        Assert.True(task.Execute());

        Assert.Empty(_engine.Warnings);
        Assert.Empty(JsonNode.Parse(File.ReadAllText(output))!["bypasses"]!.AsArray());
    }

    private static TaskItem Property(string name, string value)
    {
        var item = new TaskItem(name);
        item.SetMetadata("Value", value);
        return item;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
