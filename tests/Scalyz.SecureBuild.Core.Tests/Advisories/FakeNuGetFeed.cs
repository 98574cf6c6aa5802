using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scalyz.SecureBuild.Tests.Shared;

/// <summary>
/// A NuGet V3 feed on 127.0.0.1 (HttpListener) that answers only what NuGet Audit reads: the service index
/// (https://learn.microsoft.com/nuget/api/service-index), optionally with a VulnerabilityInfo/6.7.0 resource, and that
/// resource's index and pages (https://learn.microsoft.com/nuget/api/vulnerability-info). The pages are converted here
/// from real OSV records (the GitHub advisories committed under src/Scalyz.SecureBuild/advisories): one entry per advisory, affected
/// package and range, with GitHub's grade as NuGet's severity number, so no record is invented. Used by the Core tests
/// and, linked, by the end-to-end tests.
/// </summary>
internal sealed class FakeNuGetFeed : IDisposable
{
    private readonly LoopbackServer _server;
    private readonly string _base;
    private readonly IReadOnlyList<JsonObject> _pages;

    /// <param name="osvFiles">The OSV records served (paths of JSON files).</param>
    /// <param name="offerVulnerabilityInfo">False for a feed whose service index has no VulnerabilityInfo resource.</param>
    /// <param name="credential">A (user, password) the feed demands with HTTP Basic authentication, or null.</param>
    /// <param name="failPages">True to answer the vulnerability pages with HTTP 500 (a feed that fails).</param>
    public FakeNuGetFeed(IEnumerable<string> osvFiles, bool offerVulnerabilityInfo = true, (string User, string Password)? credential = null, bool failPages = false)
    {
        OfferVulnerabilityInfo = offerVulnerabilityInfo;
        Credential = credential;
        FailPages = failPages;
        _server = new LoopbackServer(Handle);
        _base = _server.BaseAddress.ToString();
        (_pages, Entries) = Convert(osvFiles.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The service index address, as nuget.config lists a source.</summary>
    public string ServiceIndex => _base + "v3/index.json";

    public bool OfferVulnerabilityInfo { get; }

    public (string User, string Password)? Credential { get; }

    public bool FailPages { get; }

    /// <summary>Every (package id, GHSA id) the pages list, for comparisons.</summary>
    public IReadOnlyList<(string PackageId, string AdvisoryId, string Range, int Severity)> Entries { get; }

    /// <summary>Every request path received, in order (with the Authorization header's scheme when one was sent).</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    /// <summary>How many requests were received.</summary>
    public int RequestCount => Requests.Count;

    public void Dispose() => _server.Dispose();

    /// <summary>A NuGet version range for one OSV ECOSYSTEM range (introduced / fixed / last_affected events).</summary>
    public static IEnumerable<string> RangesOf(JsonElement range)
    {
        string? introduced = null;
        foreach (var e in range.GetProperty("events").EnumerateArray())
        {
            if (e.TryGetProperty("introduced", out var i))
            {
                introduced = i.GetString() == "0" ? string.Empty : i.GetString();
            }
            else if (e.TryGetProperty("fixed", out var f) && introduced is not null)
            {
                yield return introduced.Length == 0 ? $"(, {f.GetString()})" : $"[{introduced}, {f.GetString()})";
                introduced = null;
            }
            else if (e.TryGetProperty("last_affected", out var l) && introduced is not null)
            {
                yield return introduced.Length == 0 ? $"(, {l.GetString()}]" : $"[{introduced}, {l.GetString()}]";
                introduced = null;
            }
        }

        if (introduced is not null)
        {
            yield return introduced.Length == 0 ? "(, )" : $"[{introduced}, )";
        }
    }

    private static (IReadOnlyList<JsonObject> Pages, IReadOnlyList<(string, string, string, int)> Entries) Convert(List<string> files)
    {
        // Two pages, as nuget.org serves a "base" page and an "update" page.
        var pages = new[] { new JsonObject(), new JsonObject() };
        var entries = new List<(string, string, string, int)>();
        for (var n = 0; n < files.Count; n++)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(files[n]));
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            // NuGet's feed carries GitHub advisories, every one graded; a record without a grade has no NuGet form.
            if (root.TryGetProperty("withdrawn", out _) || !id.StartsWith("GHSA-", StringComparison.Ordinal) ||
                !root.TryGetProperty("database_specific", out var specific) || !specific.TryGetProperty("severity", out var grade))
            {
                continue;
            }

            var severity = grade.GetString() switch { "LOW" => 0, "MODERATE" => 1, "HIGH" => 2, "CRITICAL" => 3, _ => -1 };
            if (severity < 0 || !root.TryGetProperty("affected", out var affected))
            {
                continue;
            }

            foreach (var entry in affected.EnumerateArray())
            {
                var package = entry.GetProperty("package");
                if (package.GetProperty("ecosystem").GetString() != "NuGet")
                {
                    continue;
                }

                var name = package.GetProperty("name").GetString()!;
                var ranges = new List<string>();
                if (entry.TryGetProperty("ranges", out var osvRanges))
                {
                    ranges.AddRange(osvRanges.EnumerateArray().Where(r => r.GetProperty("type").GetString() == "ECOSYSTEM").SelectMany(RangesOf));
                }

                if (ranges.Count == 0 && entry.TryGetProperty("versions", out var versions))
                {
                    ranges.AddRange(versions.EnumerateArray().Select(v => $"[{v.GetString()}]"));
                }

                var page = pages[n % 2];
                // A range NuGet cannot parse (a few records have "introduced" above "fixed") has no NuGet form; NuGet's
                // own parser decides, as a feed validates what it publishes.
                foreach (var range in ranges.Distinct().Where(r => NuGet.Versioning.VersionRange.TryParse(r, out _)))
                {
                    if (page[name] is not JsonArray list)
                    {
                        page[name] = list = [];
                    }

                    list.Add(new JsonObject { ["url"] = $"https://github.com/advisories/{id}", ["severity"] = severity, ["versions"] = range });
                    entries.Add((name, id, range, severity));
                }
            }
        }

        return (pages, entries);
    }

    private (int Status, string Body) Answer(string path)
    {
        switch (path)
        {
            case "/v3/index.json":
                var resources = new JsonArray { new JsonObject { ["@id"] = _base + "v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" } };
                if (OfferVulnerabilityInfo)
                {
                    resources.Add(new JsonObject { ["@id"] = _base + "v3/vulnerabilities/index.json", ["@type"] = "VulnerabilityInfo/6.7.0", ["comment"] = "The vulnerability index." });
                }

                return (200, new JsonObject { ["version"] = "3.0.0", ["resources"] = resources }.ToJsonString());
            case "/v3/vulnerabilities/index.json" when OfferVulnerabilityInfo:
                return (200, new JsonArray(
                    new JsonObject { ["@name"] = "base", ["@id"] = _base + "v3/vulnerabilities/base.json", ["@updated"] = "2026-11-01T00:00:00Z", ["comment"] = "The base data." },
                    new JsonObject { ["@name"] = "update", ["@id"] = _base + "v3/vulnerabilities/update.json", ["@updated"] = "2026-11-02T00:00:00Z", ["comment"] = "Changes since the base." }).ToJsonString());
            case "/v3/vulnerabilities/base.json" when OfferVulnerabilityInfo:
                return FailPages ? (500, "{}") : (200, _pages[0].ToJsonString());
            case "/v3/vulnerabilities/update.json" when OfferVulnerabilityInfo:
                return FailPages ? (500, "{}") : (200, _pages[1].ToJsonString());
            default:
                return (404, "{}");
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var authorization = context.Request.Headers["Authorization"];
        Requests.Enqueue((context.Request.Url!.AbsolutePath, authorization));
        var (status, body) = Authorized(authorization) ? Answer(context.Request.Url!.AbsolutePath) : (401, "{}");
        if (status == 401)
        {
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"fake-feed\"");
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private bool Authorized(string? header) =>
        Credential is not { } expected ||
        header == "Basic " + System.Convert.ToBase64String(Encoding.UTF8.GetBytes($"{expected.User}:{expected.Password}"));
}
