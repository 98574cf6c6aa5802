using System.Text;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

public sealed class OsvReaderTests
{
    [Fact]
    public void ReadFile_EveryRealRecord_ReadsWithItsIdAndNineAreWithdrawn()
    {
        var records = RealRecords.All;

        Assert.Equal(246, records.Count);
        Assert.All(records, r => Assert.True(r.Affected.Any(a => a.IsNuGet), r.Id));
        Assert.Equal(9, records.Count(r => r.Withdrawn is not null));
        Assert.Equal(Directory.GetFiles(RealRecords.Folder).Select(Path.GetFileNameWithoutExtension).Order(), records.Select(r => r.Id).Order());
    }

    [Fact]
    public void ReadFile_SystemDrawingCommonRecord_HasTheFieldsTheAuditUses()
    {
        var record = RealRecords.Get("GHSA-rxg9-xrhp-64gj");

        Assert.Equal(["CVE-2021-24112"], record.Aliases);
        Assert.Equal(".NET Core Remote Code Execution Vulnerability", record.Summary);
        Assert.Equal("CRITICAL", record.GitHubSeverity);
        Assert.Equal(new DateTimeOffset(2022, 10, 25, 17, 35, 53, TimeSpan.Zero), record.Modified);
        Assert.Equal(new DateTimeOffset(2022, 5, 24, 17, 43, 19, TimeSpan.Zero), record.Published);
        Assert.Equal(2, record.Affected.Count);
        Assert.Equal([new OsvEvent(OsvEventKind.Introduced, "4.0.0"), new OsvEvent(OsvEventKind.Fixed, "4.7.2")], record.Affected[0].Ranges[0].Events);
    }

    [Fact]
    public void ReadFile_RecordWithEmptyCvssScore_KeepsNoVector()
    {
        var record = RealRecords.Get("GHSA-43cp-6p3q-2pc4");

        Assert.DoesNotContain(record.Severity, s => s.Score.Length == 0);
    }

    [Fact]
    public void ReadFile_OsvDevApiForm_ReadsWithPurlsSourcesAndVersionLists()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "osv-dev-form");

        var records = Directory.GetFiles(folder, "*.json").Select(OsvReader.ReadFile).ToList();

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.NotEmpty(r.Affected));
    }

    [Fact]
    public void Parse_UnknownFieldsAndNewerSchemaVersion_AreTolerated()
    {
        var json = """
            {"schema_version":"9.1.0","id":"GHSA-rxg9-xrhp-64gj","modified":"2022-10-25T17:35:53Z","some_future_field":{"x":[1,2]},
             "affected":[{"package":{"ecosystem":"NuGet","name":"System.Drawing.Common","purl":"pkg:nuget/System.Drawing.Common"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"4.0.0"},{"fixed":"4.7.2"}],"new_range_field":true}],
               "ecosystem_specific":{"anything":1}}]}
            """;

        var record = OsvReader.Parse(Encoding.UTF8.GetBytes(json), "future.json");

        Assert.Equal("GHSA-rxg9-xrhp-64gj", record.Summary);
        Assert.Single(record.Affected[0].Ranges);
    }

    [Theory]
    [InlineData("""{"modified":"2022-10-25T17:35:53Z"}""", "'id' is missing")]
    [InlineData("""{"id":"GHSA-x","modified":"yesterday"}""", "'modified' is not an RFC 3339 timestamp")]
    [InlineData("""{"id":"GHSA-x","modified":"2022-10-25T17:35:53Z","affected":{}}""", "'affected' must be an array")]
    [InlineData("""{"id":"GHSA-x","modified":"2022-10-25T17:35:53Z","affected":[{"ranges":[]}]}""", "needs a 'package' object")]
    [InlineData("""{"id":"GHSA-x","modified":"2022-10-25T17:35:53Z","affected":[{"package":{"ecosystem":"NuGet","name":"A"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"banana"}]}]}]}""", "'introduced: banana' of 'A' is not a NuGet version")]
    [InlineData("""{"id":"GHSA-x","modified":"2022-10-25T17:35:53Z","affected":[{"package":{"ecosystem":"NuGet","name":"A"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1.0.0","fixed":"2.0.0"}]}]}]}""", "more than one of")]
    [InlineData("""{"id":"GHSA-x","modified":"2022-10-25T17:35:53Z","affected":[{"package":{"ecosystem":"NuGet","name":"A"},"ranges":[{"type":"ECOSYSTEM","events":[]}]}]}""", "has no events")]
    public void Parse_RecordWrongWhereItMatters_IsSsb0201NamingTheFile(string json, string problem)
    {
        var error = Assert.Throws<InputFileException>(() => OsvReader.Parse(Encoding.UTF8.GetBytes(json), "bad.json"));

        Assert.Equal((DiagnosticCodes.AdvisoryDataInvalid, "bad.json"), (error.Code, error.FilePath));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_TruncatedJson_IsSsb0201WithTheLine()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ssb-osv-").FullName, "GHSA-trunc.json");
        File.WriteAllText(path, "{\n  \"id\": \"GHSA-x\",\n  \"affected\": [");

        var error = Assert.Throws<InputFileException>(() => OsvReader.ReadFile(path));

        Assert.Equal((DiagnosticCodes.AdvisoryDataInvalid, path, 3L), (error.Code, error.FilePath, error.Line));
        Assert.Contains("is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
