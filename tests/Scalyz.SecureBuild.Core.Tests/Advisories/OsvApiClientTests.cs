using System.Text.Json;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>The osv.dev client against a local server answering in osv.dev's documented format.</summary>
public sealed class OsvApiClientTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _cache = Directory.CreateTempSubdirectory("ssb-api-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public void Query_PagedAnswer_FollowsNextPageTokenAndFetchesEachRecord()
    {
        using var server = new FakeOsvServer(request => request.Path switch
        {
            "/v1/querybatch" when !request.Body.Contains("page_token", StringComparison.Ordinal) => Ok("""
                {"results":[{"vulns":[{"id":"GHSA-rxg9-xrhp-64gj","modified":"2022-10-25T17:35:53Z"}],"next_page_token":"page-2"},{}]}
                """),
            "/v1/querybatch" => Ok("""{"results":[{"vulns":[{"id":"GHSA-m44j-cfrm-g8qc","modified":"2024-01-01T00:00:00Z"}]}]}"""),
            "/v1/vulns/GHSA-rxg9-xrhp-64gj" => Ok(File.ReadAllText(Path.Combine(RealRecords.Folder, "GHSA-rxg9-xrhp-64gj.json"))),
            "/v1/vulns/GHSA-m44j-cfrm-g8qc" => Ok(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "osv-dev-form", "GHSA-m44j-cfrm-g8qc.json"))),
            _ => new FakeOsvServer.Response(404, """{"code":5,"message":"Not found"}"""),
        });
        var client = Client(server);

        var records = client.Query([("System.Drawing.Common", "4.7.0"), ("Newtonsoft.Json", "13.0.3")], Now);

        Assert.Equal(["GHSA-m44j-cfrm-g8qc", "GHSA-rxg9-xrhp-64gj"], records.Select(r => r.Id));
        var batches = server.Requests.Where(r => r.Path == "/v1/querybatch").ToList();
        Assert.Equal(2, batches.Count);
        using var first = JsonDocument.Parse(batches[0].Body);
        Assert.Equal("NuGet", first.RootElement.GetProperty("queries")[0].GetProperty("package").GetProperty("ecosystem").GetString());
        Assert.Equal("4.7.0", first.RootElement.GetProperty("queries")[0].GetProperty("version").GetString());
        using var second = JsonDocument.Parse(batches[1].Body);
        var query = Assert.Single(second.RootElement.GetProperty("queries").EnumerateArray());
        Assert.Equal(("System.Drawing.Common", "page-2"), (query.GetProperty("package").GetProperty("name").GetString(), query.GetProperty("page_token").GetString()));
    }

    [Fact]
    public void Query_WithinTheTimeToLive_AnswersFromTheDiskCache()
    {
        using var server = Serving();
        Client(server).Query([("System.Drawing.Common", "4.7.0")], Now);
        var sent = server.Requests.Count;

        var cached = Client(server).Query([("System.Drawing.Common", "4.7.0")], Now.AddHours(1));
        var expired = Client(server).Query([("System.Drawing.Common", "4.7.0")], Now.AddDays(2));

        Assert.Equal("GHSA-rxg9-xrhp-64gj", Assert.Single(cached).Id);
        Assert.Single(expired);
        // Only the expired query went out again; the unchanged record came from the cache.
        Assert.Equal(sent + 1, server.Requests.Count);
    }

    [Fact]
    public void Query_ServerErrorThenSuccess_IsRetried()
    {
        var calls = 0;
        using var server = new FakeOsvServer(request => request.Path == "/v1/querybatch" && Interlocked.Increment(ref calls) == 1
            ? new FakeOsvServer.Response(500, "oops")
            : Answer(request));

        var records = Client(server).Query([("System.Drawing.Common", "4.7.0")], Now);

        Assert.Single(records);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/v1/querybatch"));
    }

    [Fact]
    public void Query_ServerErrorEveryTime_IsUnavailableAfterTheRetries()
    {
        using var server = new FakeOsvServer(_ => new FakeOsvServer.Response(500, "oops"));

        var error = Assert.Throws<AdvisorySourceUnavailableException>(() => Client(server).Query([("System.Drawing.Common", "4.7.0")], Now));

        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void Query_NoAnswerInTime_IsUnavailable()
    {
        using var server = new FakeOsvServer(request => Answer(request) with { Delay = TimeSpan.FromSeconds(3) });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var client = new OsvApiClient(impatient, server.BaseAddress, _cache, TimeSpan.FromHours(24)) { MaxAttempts = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(10) };

        var error = Assert.Throws<AdvisorySourceUnavailableException>(() => client.Query([("System.Drawing.Common", "4.7.0")], Now));

        Assert.Contains("no answer within", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>maintenance</html>")]
    [InlineData("""{"results":[]}""")]
    [InlineData("""{"results":[{"vulns":[{"modified":"2022-10-25T17:35:53Z"}]}]}""")]
    public void Query_MalformedBatchBody_IsUnavailable(string body)
    {
        using var server = new FakeOsvServer(_ => Ok(body));

        var error = Assert.Throws<AdvisorySourceUnavailableException>(() => Client(server).Query([("System.Drawing.Common", "4.7.0")], Now));

        Assert.Contains("querybatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_MalformedRecordBody_IsUnavailableAndNotCached()
    {
        using var server = new FakeOsvServer(request => request.Path == "/v1/querybatch" ? Answer(request) : Ok("""{"id":"GHSA-rxg9-xrhp-64gj"}"""));

        var error = Assert.Throws<AdvisorySourceUnavailableException>(() => Client(server).Query([("System.Drawing.Common", "4.7.0")], Now));

        Assert.Contains("/v1/vulns/GHSA-rxg9-xrhp-64gj", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cache, "osv-api", "vulns")) && Directory.EnumerateFiles(Path.Combine(_cache, "osv-api", "vulns")).Any());
    }

    [Fact]
    public void Load_ApiDownWithFallback_WarnsSsb0203AndUsesCacheAndSnapshot()
    {
        using (var up = Serving())
        {
            Client(up).Query([("System.Drawing.Common", "4.7.0")], Now);
        }

        using var down = new FakeOsvServer(_ => new FakeOsvServer.Response(503, "down"));
        var snapshot = Path.Combine(_cache, "embedded.gz");
        AdvisorySnapshot.Write(snapshot, RealRecords.All, "embedded", null);
        var options = new AdvisorySourceOptions(["embedded", "osv-api"], snapshot, _cache, TimeSpan.FromDays(100_000), ApiBaseAddress: down.BaseAddress);

        var result = AdvisorySources.Load(options, [("System.Drawing.Common", "4.7.0"), ("RestSharp", "110.0.0")], Now.AddDays(3), _http);

        var notice = Assert.Single(result.Notices);
        Assert.Equal((DiagnosticCodes.AdvisorySourceUnreachable, false), (notice.Code, notice.IsError));
        Assert.Contains("1 cached osv.dev record(s) and the embedded data", notice.Message, StringComparison.Ordinal);
        Assert.NotEmpty(result.Index.Match("RestSharp", NuGet.Versioning.NuGetVersion.Parse("110.0.0")));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void Load_ApiDownWithoutFallback_IsAnErrorAndUnreachable()
    {
        using var down = new FakeOsvServer(_ => new FakeOsvServer.Response(503, "down"));
        var options = new AdvisorySourceOptions(["osv-api"], null, _cache, TimeSpan.FromDays(30), FallbackAllowed: false, ApiBaseAddress: down.BaseAddress);

        var result = AdvisorySources.Load(options, [("System.Drawing.Common", "4.7.0")], Now, _http);

        Assert.True(result.SourceUnreachable);
        // Nothing was loaded at all, which is never a silent "no vulnerabilities".
        Assert.Contains(result.Notices, n => n.Code == DiagnosticCodes.AdvisoryDataMissing && n.IsError);
    }

    private static FakeOsvServer.Response Ok(string body) => new(200, body);

    private static FakeOsvServer.Response Answer(FakeOsvServer.Request request) => request.Path == "/v1/querybatch"
        ? Ok("""{"results":[{"vulns":[{"id":"GHSA-rxg9-xrhp-64gj","modified":"2022-10-25T17:35:53Z"}]}]}""")
        : Ok(File.ReadAllText(Path.Combine(RealRecords.Folder, "GHSA-rxg9-xrhp-64gj.json")));

    private static FakeOsvServer Serving() => new(Answer);

    private OsvApiClient Client(FakeOsvServer server) =>
        new(_http, server.BaseAddress, _cache, TimeSpan.FromHours(24)) { FirstRetryDelay = TimeSpan.FromMilliseconds(10) };
}
