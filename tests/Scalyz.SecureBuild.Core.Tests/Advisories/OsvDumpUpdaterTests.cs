using System.IO.Compression;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary><c>db update</c>'s download against a loopback server serving a dump as osv.dev's bucket does.</summary>
public sealed class OsvDumpUpdaterTests : IDisposable
{
    private const string ETag = "\"abc123\"";
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-update-").FullName;
    private readonly DateTimeOffset _now = new(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);

    private string Cache => Path.Combine(_folder, "cache");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Update_ServesTheDumpThenNotModified_ImportsOnceAndSendsTheValidatorsNextTime()
    {
        var dump = RealDump();
        using var server = new FakeOsvServer(r => r.Headers!.TryGetValue("If-None-Match", out var tag) && tag == ETag
            ? new FakeOsvServer.Response(304, string.Empty)
            : new FakeOsvServer.Response(200, string.Empty, Bytes: dump, Headers: new Dictionary<string, string> { ["ETag"] = ETag, ["Last-Modified"] = "Fri, 04 Dec 2026 10:00:00 GMT" }));
        using var http = new HttpClient();
        var address = new Uri(server.BaseAddress, "NuGet/all.zip");
        var progress = new List<long>();

        var first = OsvDumpUpdater.Update(http, address, Cache, (received, _) => progress.Add(received), _now);
        var imported = File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache));
        var second = OsvDumpUpdater.Update(http, address, Cache, null, _now);

        Assert.False(first.NotModified);
        Assert.Equal((246, 237), (first.Imported!.Read, first.Imported.Kept));
        Assert.Equal(dump.Length, progress[^1]);
        Assert.True(second.NotModified);
        Assert.Equal(imported, File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache)));
        var requests = server.Requests.ToList();
        Assert.False(requests[0].Headers!.ContainsKey("If-None-Match"));
        Assert.Equal(ETag, requests[1].Headers!["If-None-Match"]);
        Assert.Equal("Fri, 04 Dec 2026 10:00:00 GMT", requests[1].Headers!["If-Modified-Since"]);
        Assert.Empty(Directory.GetFiles(Cache, "*.download"));
    }

    [Fact]
    public void Update_ServerFailsOrServesAnEmptyDump_KeepsThePreviousImport()
    {
        OsvDumpImporter.Import(RealRecords.Folder, Cache);
        var before = File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache));
        using var failing = new FakeOsvServer(_ => new FakeOsvServer.Response(503, "{}"));
        using var empty = new FakeOsvServer(_ => new FakeOsvServer.Response(200, string.Empty, Bytes: Zip([])));
        using var http = new HttpClient();

        var unavailable = Assert.Throws<AdvisorySourceUnavailableException>(() => OsvDumpUpdater.Update(http, new Uri(failing.BaseAddress, "all.zip"), Cache, null, _now));
        var refused = Assert.Throws<InputFileException>(() => OsvDumpUpdater.Update(http, new Uri(empty.BaseAddress, "all.zip"), Cache, null, _now));
        var unreachable = Assert.Throws<AdvisorySourceUnavailableException>(() => OsvDumpUpdater.Update(http, new Uri("http://127.0.0.1:9/all.zip"), Cache, null, _now));

        Assert.Contains("503", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.AdvisoryImportEmpty, refused.Code);
        Assert.Contains("127.0.0.1:9", unreachable.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache)));
        Assert.False(File.Exists(Path.Combine(Cache, OsvDumpUpdater.StateFileName)));
        Assert.Empty(Directory.GetFiles(Cache, "*.download"));
    }

    private static byte[] RealDump() => Zip(Directory.GetFiles(RealRecords.Folder).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));

    private static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
