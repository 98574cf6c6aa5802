using System.IO.Compression;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

public sealed class AdvisorySnapshotTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-snap-").FullName;

    [Fact]
    public void Write_RealRecords_IsDatedByNewestModifiedAndReadsBackPerPackage()
    {
        var path = Path.Combine(_folder, "a.json.gz");

        var (kept, date) = AdvisorySnapshot.Write(path, RealRecords.All, "embedded", AdvisorySnapshot.GitHubAttribution);

        using var snapshot = AdvisorySnapshot.Open(path);
        Assert.Equal(237, kept);
        Assert.Equal(RealRecords.All.Max(r => r.Modified), date);
        Assert.Equal((date, "embedded", 237), (snapshot.Date, snapshot.Source, snapshot.RecordCount));
        var drawing = snapshot.RecordsFor(["SYSTEM.DRAWING.COMMON"]).Select(r => r.Id).ToList();
        Assert.Contains("GHSA-rxg9-xrhp-64gj", drawing);
        Assert.Equal(RealRecords.Get("GHSA-rxg9-xrhp-64gj").Affected, snapshot.RecordsFor(["System.Drawing.Common"]).Single(r => r.Id == "GHSA-rxg9-xrhp-64gj").Affected, new AffectedComparer());
    }

    [Fact]
    public void Write_SameRecordsInAnotherOrder_GiveTheSameBytes()
    {
        var first = Path.Combine(_folder, "1.gz");
        var second = Path.Combine(_folder, "2.gz");

        AdvisorySnapshot.Write(first, RealRecords.All, "embedded", null);
        AdvisorySnapshot.Write(second, RealRecords.All.Reverse(), "embedded", null);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Match_ThroughTheSnapshot_GivesTheSameFindingsAsTheRecords()
    {
        var path = Path.Combine(_folder, "s.gz");
        AdvisorySnapshot.Write(path, RealRecords.All, "embedded", null);
        using var snapshot = AdvisorySnapshot.Open(path);
        var packages = RealRecords.All.Where(r => r.Withdrawn is null).SelectMany(r => r.Affected).Where(a => a.IsNuGet).Select(a => a.Name).ToList();

        var fromSnapshot = AdvisoryIndex.Build(snapshot.AllRecords());

        foreach (var (id, version) in new[] { ("System.Drawing.Common", "4.7.0"), ("RestSharp", "110.0.0"), ("IdentityServer4", "4.1.2"), ("GleamTech.FileUltimate", "6.1.5") })
        {
            var v = NuGet.Versioning.NuGetVersion.Parse(version);
            Assert.Equal(RealRecords.Index.Match(id, v).Select(m => (m.Record.Id, m.FixedIn)), fromSnapshot.Match(id, v).Select(m => (m.Record.Id, m.FixedIn)));
        }

        Assert.All(packages, p => Assert.True(fromSnapshot.Covers(p), p));
    }

    [Fact]
    public void Open_MissingFile_IsSsb0200()
    {
        var path = Path.Combine(_folder, "none.gz");

        Assert.Equal(DiagnosticCodes.AdvisoryDataMissing, Assert.Throws<InputFileException>(() => AdvisorySnapshot.Open(path)).Code);
    }

    [Fact]
    public void Open_NotGzip_IsSsb0201NamingTheFile()
    {
        var path = Path.Combine(_folder, "plain.gz");
        File.WriteAllText(path, "{\"format\":\"x\"}");

        var error = Assert.Throws<InputFileException>(() => AdvisorySnapshot.Open(path));

        Assert.Equal((DiagnosticCodes.AdvisoryDataInvalid, path), (error.Code, error.FilePath));
    }

    [Fact]
    public void Open_TruncatedGzip_IsSsb0201()
    {
        var path = Path.Combine(_folder, "t.gz");
        AdvisorySnapshot.Write(path, RealRecords.All, "embedded", null);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Equal(DiagnosticCodes.AdvisoryDataInvalid, Assert.Throws<InputFileException>(() => AdvisorySnapshot.Open(path)).Code);
    }

    [Fact]
    public void Open_ForeignJson_IsSsb0201()
    {
        var path = Path.Combine(_folder, "f.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write("{\"format\":\"something-else\",\"formatVersion\":1}"u8);
        }

        var error = Assert.Throws<InputFileException>(() => AdvisorySnapshot.Open(path));

        Assert.Contains("is not a securebuild-advisory-snapshot file", error.Message, StringComparison.Ordinal);
    }

    private sealed class AffectedComparer : IEqualityComparer<OsvAffected>
    {
        public bool Equals(OsvAffected? x, OsvAffected? y) =>
            x!.Name == y!.Name && x.Versions.SequenceEqual(y.Versions) && x.Ranges.Count == y.Ranges.Count &&
            x.Ranges.Zip(y.Ranges).All(p => p.First.Type == p.Second.Type && p.First.Events.SequenceEqual(p.Second.Events));

        public int GetHashCode(OsvAffected obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
