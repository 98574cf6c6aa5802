using System.IO.Compression;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Tasks.Tests;

/// <summary>The package's snapshot at pack time: the committed records, or an osv.dev dump named by SecureBuildAdvisoryDump.</summary>
public sealed class BuildAdvisorySnapshotTaskTests : IDisposable
{
    private static readonly string Records = Path.Combine(AppContext.BaseDirectory, "TestData", "osv");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-snapshot-task-").FullName;
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Execute_WithADump_BuildsTheSnapshotFromItInsteadOfTheRecords()
    {
        var dump = Zip("all.zip", Directory.GetFiles(Records));
        var output = Path.Combine(_folder, "advisories.snapshot.json.gz");
        var task = new BuildAdvisorySnapshotTask { BuildEngine = _engine, Records = [new TaskItem(dump)], Dump = dump, OutputFile = output };

        Assert.True(task.Execute());

        using var snapshot = AdvisorySnapshot.Open(output);
        Assert.Equal((237, "embedded"), (snapshot.RecordCount, snapshot.Source));
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("237 NuGet records (of 246)", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_DumpWithoutNuGetAdvisories_FailsWithSsb0206AndWritesNothing()
    {
        var dump = Zip("empty.zip", []);
        var output = Path.Combine(_folder, "advisories.snapshot.json.gz");
        var task = new BuildAdvisorySnapshotTask { BuildEngine = _engine, Records = [new TaskItem(dump)], Dump = dump, OutputFile = output };

        Assert.False(task.Execute());

        Assert.Equal("SSB0206", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(output));
    }

    private string Zip(string name, IEnumerable<string> files)
    {
        var path = Path.Combine(_folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in files)
        {
            archive.CreateEntryFromFile(file, Path.GetFileName(file));
        }

        return path;
    }
}
