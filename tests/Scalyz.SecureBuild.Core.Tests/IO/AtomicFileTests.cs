using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WriteAllText_NewFileInMissingFolder_CreatesItAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "a", "b", "out.json");

        Assert.True(AtomicFile.WriteAllText(path, "{}"));

        Assert.Equal("{}", File.ReadAllText(path));
        Assert.Equal(["out.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_SameContent_DoesNotTouchTheFile()
    {
        var path = Path.Combine(_folder, "out.json");
        AtomicFile.WriteAllText(path, "same");
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.False(AtomicFile.WriteAllText(path, "same"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.True(AtomicFile.WriteAllText(path, "different"));
        Assert.Equal("different", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllText_ParallelWriters_LeaveOneCompleteVersion()
    {
        var path = Path.Combine(_folder, "shared.json");
        var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 100_000)).ToArray();

        Parallel.ForEach(contents, c => AtomicFile.WriteAllText(path, c));

        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Single(Directory.GetFiles(_folder));
    }
}
