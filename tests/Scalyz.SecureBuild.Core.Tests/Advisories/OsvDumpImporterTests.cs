using System.IO.Compression;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

public sealed class OsvDumpImporterTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-import-").FullName;

    private string Cache => Path.Combine(_folder, "cache");

    [Fact]
    public void Import_FolderOfRealRecords_WritesTheCacheSnapshot()
    {
        var (read, kept, date, _) = OsvDumpImporter.Import(RealRecords.Folder, Cache);

        Assert.Equal((246, 237, RealRecords.All.Max(r => r.Modified)), (read, kept, date));
        using var snapshot = AdvisorySnapshot.Open(OsvDumpImporter.CacheFile(Cache));
        Assert.Equal("osv-dump", snapshot.Source);
    }

    [Fact]
    public void Import_ZipLikeOsvDevAllZip_ReadsEveryEntry()
    {
        var zip = Zip("all.zip", Directory.GetFiles(RealRecords.Folder).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));

        var (read, kept, _, _) = OsvDumpImporter.Import(zip, Cache);

        Assert.Equal((246, 237), (read, kept));
    }

    [Fact]
    public void Import_ZipSlipEntry_IsRefusedAndNothingIsWritten()
    {
        var zip = Zip("slip.zip", [("GHSA-rxg9-xrhp-64gj.json", Record()), ("../../evil.json", Record())]);

        var error = Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(zip, Cache));

        Assert.Equal(DiagnosticCodes.AdvisoryArchiveRejected, error.Code);
        Assert.Contains("'../../evil.json'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(OsvDumpImporter.CacheFile(Cache)));
    }

    [Theory]
    [InlineData("/etc/evil.json")]
    [InlineData("C:/evil.json")]
    [InlineData("a\\..\\..\\evil.json")]
    public void Import_EntryNamingAPathOutside_IsRefused(string name)
    {
        var zip = Zip("slip.zip", [(name, Record())]);

        Assert.Equal(DiagnosticCodes.AdvisoryArchiveRejected, Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(zip, Cache)).Code);
    }

    [Fact]
    public void Import_EntryExpandingBeyondTheLimit_IsRefusedAsABomb()
    {
        // 64 MB of spaces compress to a few KB: a small archive that would expand far beyond the per-record limit.
        var bomb = new byte[64 * 1024 * 1024];
        Array.Fill(bomb, (byte)' ');
        var zip = Zip("bomb.zip", [("GHSA-bomb.json", bomb)]);
        Assert.True(new FileInfo(zip).Length < 1024 * 1024);

        var error = Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(zip, Cache, new ImportLimits(MaxRecordBytes: 1024 * 1024)));

        Assert.Equal(DiagnosticCodes.AdvisoryArchiveRejected, error.Code);
        Assert.False(File.Exists(OsvDumpImporter.CacheFile(Cache)));
    }

    [Fact]
    public void Import_TooManyBytesInTotal_IsRefused()
    {
        var zip = Zip("many.zip", Directory.GetFiles(RealRecords.Folder).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));

        var error = Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(zip, Cache, new ImportLimits(MaxTotalBytes: 50_000)));

        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MalformedRecordAfterAGoodImport_KeepsThePreviousImportWhole()
    {
        OsvDumpImporter.Import(RealRecords.Folder, Cache);
        var before = File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache));
        var zip = Zip("broken.zip", [("GHSA-rxg9-xrhp-64gj.json", Record()), ("GHSA-broken.json", "{\"id\": \"GHSA-broken\", "u8.ToArray())]);

        var error = Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(zip, Cache));

        Assert.Equal((DiagnosticCodes.AdvisoryDataInvalid, $"{zip}!GHSA-broken.json"), (error.Code, error.FilePath));
        Assert.Equal(before, File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache)));
        Assert.Empty(Directory.GetFiles(Cache, "*.tmp"));
    }

    [Fact]
    public void Import_NotAZip_IsSsb0201()
    {
        var path = Path.Combine(_folder, "not.zip");
        File.WriteAllText(path, "hello");

        Assert.Equal(DiagnosticCodes.AdvisoryDataInvalid, Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(path, Cache)).Code);
    }

    [Fact]
    public void Import_NothingWithNuGetData_IsRefusedWithSsb0206AndThePreviousImportStaysByteIdentical()
    {
        OsvDumpImporter.Import(RealRecords.Folder, Cache);
        var before = File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache));
        var emptyFolder = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var withdrawn = Directory.GetFiles(RealRecords.Folder).Where(f => OsvReader.ReadFile(f).Withdrawn is not null).ToList();
        Assert.NotEmpty(withdrawn);
        string[] inputs =
        [
            Zip("empty.zip", []),
            Zip("no-json.zip", [("README.txt", "not a record"u8.ToArray()), ("folder/", [])]),
            emptyFolder,
            Zip("withdrawn.zip", withdrawn.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))),
        ];

        foreach (var input in inputs)
        {
            var error = Assert.Throws<InputFileException>(() => OsvDumpImporter.Import(input, Cache));

            Assert.Equal((DiagnosticCodes.AdvisoryImportEmpty, input), (error.Code, error.FilePath));
            Assert.Contains("holds no NuGet advisory", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(OsvDumpImporter.CacheFile(Cache)));
        }
    }

    [Fact]
    public void Import_RecordModifiedInTheFuture_KeepsTheRecordButNeverDatesTheDataAfterTheImport()
    {
        var future = System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(Record()), "\"modified\": \"[^\"]+\"", "\"modified\": \"2999-01-01T00:00:00Z\"");
        Assert.Contains("2999-01-01", future, StringComparison.Ordinal);
        var others = Directory.GetFiles(RealRecords.Folder).Where(f => !f.EndsWith("GHSA-rxg9-xrhp-64gj.json", StringComparison.Ordinal)).ToList();
        var zip = Zip("future.zip", others.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).Append(("GHSA-rxg9-xrhp-64gj.json", System.Text.Encoding.UTF8.GetBytes(future))));
        var importedAt = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        var result = OsvDumpImporter.Import(zip, Cache, now: importedAt);

        Assert.Equal(["GHSA-rxg9-xrhp-64gj"], result.FutureDated);
        Assert.Equal(237, result.Kept);
        Assert.True(result.Date <= importedAt);
        Assert.Equal(others.Select(OsvReader.ReadFile).Max(r => r.Modified), result.Date);
        using var snapshot = AdvisorySnapshot.Open(OsvDumpImporter.CacheFile(Cache));
        Assert.Equal(result.Date, snapshot.Date);
        Assert.Single(snapshot.RecordsFor(["System.Drawing.Common"]), r => r.Id == "GHSA-rxg9-xrhp-64gj");
    }

    private static byte[] Record() => File.ReadAllBytes(Path.Combine(RealRecords.Folder, "GHSA-rxg9-xrhp-64gj.json"));

    private string Zip(string name, IEnumerable<(string Name, byte[] Content)> entries)
    {
        var path = Path.Combine(_folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var stream = archive.CreateEntry(entryName, CompressionLevel.Optimal).Open();
            stream.Write(content);
        }

        return path;
    }
}
