using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Cli.Tests;

/// <summary>The advisory data commands and the audit's verdicts when the data is missing, empty, tampered or unreachable.</summary>
public sealed class DbCommandTests : IDisposable
{
    private static readonly string Records = Path.Combine(AppContext.BaseDirectory, "TestData", "osv");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-db-").FullName;
    private readonly string _cache;
    private readonly string _project;

    public DbCommandTests()
    {
        _cache = Path.Combine(_folder, "cache");
        _project = Path.Combine(_folder, "Contoso.App", "Contoso.App.csproj");
        Directory.CreateDirectory(Path.Combine(_folder, "Contoso.App", "obj"));
        File.WriteAllText(_project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"System.Drawing.Common\" Version=\"4.7.0\" />\n  </ItemGroup>\n</Project>\n");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"), Path.Combine(_folder, "Contoso.App", "obj", "project.assets.json"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DbImport_NothingToImport_IsRefusedWithExit3AndThePreviousImportStaysByteIdentical()
    {
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("db", "import", Records, "--cache", _cache).ExitCode);
        var cacheFile = Path.Combine(_cache, "osv-dump.snapshot.json.gz");
        var before = File.ReadAllBytes(cacheFile);
        var withdrawn = Directory.GetFiles(Records).Where(f => File.ReadAllText(f).Contains("\"withdrawn\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withdrawn);
        string[] inputs =
        [
            Zip("empty.zip", []),
            Zip("no-json.zip", [("README.md", "no records here"u8.ToArray())]),
            Directory.CreateDirectory(Path.Combine(_folder, "empty-folder")).FullName,
            Zip("withdrawn-only.zip", withdrawn.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))),
        ];

        foreach (var input in inputs)
        {
            var (code, output, error) = CliRunner.Run("db", "import", input, "--cache", _cache);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.StartsWith("error SSB0206:", error, StringComparison.Ordinal);
            Assert.Contains(input, error, StringComparison.Ordinal);
            Assert.DoesNotContain("Imported", output, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(cacheFile));
        }

        var audit = CliRunner.Run("audit", _project, "--cache", _cache, "--sources", "osv-dump", "--max-age", "100000");
        Assert.Equal(ExitCodes.PolicyViolated, audit.ExitCode);
    }

    [Fact]
    public void Audit_OnlySourceOfflineOrMissing_GivesNoAllClearAndTheSarifSaysTheRunFailed()
    {
        string[] offline = ["audit", _project, "--cache", _cache, "--sources", "osv-api", "--api", "http://127.0.0.1:9/"];

        var table = CliRunner.Run(offline);
        var sarif = CliRunner.Run([.. offline, "--format", "sarif"]);
        var json = CliRunner.Run("audit", _project, "--cache", _cache, "--sources", "osv-dump", "--format", "json");

        Assert.Equal(ExitCodes.BadInput, table.ExitCode);
        Assert.DoesNotContain("No advisory affects", table.Output, StringComparison.Ordinal);
        Assert.Contains("The audit did NOT run", table.Output, StringComparison.Ordinal);
        Assert.Contains("error SSB0209:", table.Error, StringComparison.Ordinal);
        using var log = JsonDocument.Parse(sarif.Output);
        var invocation = log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains(invocation.GetProperty("toolExecutionNotifications").EnumerateArray(), n => n.GetProperty("descriptor").GetProperty("id").GetString() == "SSB0203");
        using var report = JsonDocument.Parse(json.Output);
        Assert.Equal((false, "not-run"), (report.RootElement.GetProperty("complete").GetBoolean(), report.RootElement.GetProperty("outcome").GetString()));
        // The CLI names its own options, never the build's properties.
        Assert.Contains("--cache", json.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SecureBuildAdvisory", table.Error + json.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DbImport_RecordModifiedInTheFuture_WarnsNamingIt_InfoShowsNoNegativeAge_AndTheGateStillFailsOnStaleData()
    {
        var files = Directory.GetFiles(Records).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes);
        files["GHSA-rxg9-xrhp-64gj.json"] = System.Text.Encoding.UTF8.GetBytes(Regex.Replace(
            System.Text.Encoding.UTF8.GetString(files["GHSA-rxg9-xrhp-64gj.json"]), "\"modified\": \"[^\"]+\"", "\"modified\": \"2999-01-01T00:00:00Z\""));
        var zip = Zip("future.zip", files.Select(f => (f.Key, f.Value)));

        var import = CliRunner.Run("db", "import", zip, "--cache", _cache);
        var info = CliRunner.Run("db", "info", "--cache", _cache);
        var audit = CliRunner.Run("audit", _project, "--cache", _cache, "--sources", "osv-dump");
        var gate = CliRunner.Run("gate", "--sbom", Path.Combine(AppContext.BaseDirectory, "TestData", "sbom", "app.cdx-1.6.golden.json"), "--release", "1.0.0",
            "--dry-run", "--sources", "osv-dump", "--cache", _cache, "--ledger", Path.Combine(_folder, "ledger.json"));

        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.Contains("warning SSB0207: The advisory record GHSA-rxg9-xrhp-64gj is modified in the future", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2999", import.Output, StringComparison.Ordinal);
        var row = info.Output.Split('\n').Single(l => l.StartsWith("osv-dump", StringComparison.Ordinal));
        Assert.Matches(@"2024-\d\d-\d\d\s+\d+\s+stale", row);
        Assert.DoesNotMatch(@"\s-\d", row);
        Assert.Contains("warning SSB0202:", audit.Error, StringComparison.Ordinal);
        Assert.Contains("--max-age", audit.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PolicyViolated, gate.ExitCode);
        Assert.Contains("SSB3108", gate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DbUpdate_DownloadsWithProgress_ThenNotModified_AndAFailureKeepsTheImport()
    {
        var dump = File.ReadAllBytes(Zip("all.zip", Directory.GetFiles(Records).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))));
        var fail = false;
        using var server = new DumpServer(request =>
            fail ? (500, [], null)
            : request.Headers["If-None-Match"] == "\"v1\"" ? (304, [], null)
            : (200, dump, "\"v1\""));
        var url = server.Address + "NuGet/all.zip";

        var first = CliRunner.Run("db", "update", "--url", url, "--cache", _cache);
        var imported = File.ReadAllBytes(Path.Combine(_cache, "osv-dump.snapshot.json.gz"));
        var second = CliRunner.Run("db", "update", "--url", url, "--cache", _cache);
        fail = true;
        File.Delete(Path.Combine(_cache, "osv-dump.http.json"));
        var third = CliRunner.Run("db", "update", "--url", url, "--cache", _cache);
        var info = CliRunner.Run("db", "info", "--cache", _cache);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.StartsWith($"Downloading {url}", first.Error, StringComparison.Ordinal);
        Assert.Contains("(100%)", first.Error, StringComparison.Ordinal);
        Assert.StartsWith("Imported 237 NuGet advisories (of 246 records) dated 2024-10-09", first.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Contains("The advisory data is current", second.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AdvisorySourceUnreachable, third.ExitCode);
        Assert.Contains("error SSB0203:", third.Error, StringComparison.Ordinal);
        Assert.Contains("500", third.Error, StringComparison.Ordinal);
        Assert.Equal(imported, File.ReadAllBytes(Path.Combine(_cache, "osv-dump.snapshot.json.gz")));
        Assert.Matches(@"osv-dump\s+\S+\s+237\s+\d+\s+2024-10-09", info.Output);
    }

    private string Zip(string name, IEnumerable<(string Name, byte[] Content)> entries)
    {
        var path = Path.Combine(_folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var stream = archive.CreateEntry(entryName).Open();
            stream.Write(content);
        }

        return path;
    }

    /// <summary>A loopback server answering each request with a status, a body and an optional ETag.</summary>
    private sealed class DumpServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public DumpServer(Func<HttpListenerRequest, (int Status, byte[] Body, string? ETag)> handler)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Address = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            probe.Stop();
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    var (status, body, etag) = handler(context.Request);
                    context.Response.StatusCode = status;
                    if (etag is not null)
                    {
                        context.Response.Headers["ETag"] = etag;
                    }

                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public string Address { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
