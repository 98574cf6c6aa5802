using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>osv.dev (or a server speaking its API) could not give an answer: unreachable, failing, too slow or answering nonsense.</summary>
public sealed class AdvisorySourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The osv.dev API (https://google.github.io/osv.dev/api/): <c>POST /v1/querybatch</c> for which advisories affect each
/// package version (following <c>next_page_token</c>), then <c>GET /v1/vulns/{id}</c> for each record. Answers are kept
/// in a disk cache: query results for a time-to-live, records until osv.dev reports a newer <c>modified</c>. Transient
/// failures (connection errors, timeouts, 429 and 5xx) are retried with exponential back-off.
/// </summary>
public sealed class OsvApiClient
{
    /// <summary>osv.dev's public API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.osv.dev/");

    // osv.dev accepts at most 1000 queries per batch.
    private const int BatchSize = 1000;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string _cache;
    private readonly TimeSpan _ttl;

    /// <param name="http">The client to send with; its Timeout bounds each attempt.</param>
    /// <param name="baseAddress">The API root (https://api.osv.dev/ or a test server).</param>
    /// <param name="cacheFolder">Where answers are cached (osv-api/ below it).</param>
    /// <param name="timeToLive">How long a query answer is trusted before it is asked again.</param>
    public OsvApiClient(HttpClient http, Uri baseAddress, string cacheFolder, TimeSpan timeToLive)
    {
        _http = http;
        _base = baseAddress;
        _cache = Path.Combine(cacheFolder, "osv-api");
        _ttl = timeToLive;
    }

    /// <summary>How many attempts a request gets before the source counts as unavailable.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many HTTP requests were sent (for tests and diagnostics).</summary>
    public int RequestCount { get; private set; }

    /// <summary>
    /// The records affecting <paramref name="packages"/> according to osv.dev (fresh cache entries are used without asking).
    /// Throws <see cref="AdvisorySourceUnavailableException"/> when osv.dev cannot answer.
    /// </summary>
    public IReadOnlyList<OsvRecord> Query(IReadOnlyCollection<(string Id, string Version)> packages, DateTimeOffset now)
    {
        var idsByPackage = new Dictionary<(string, string), List<(string Id, DateTimeOffset? Modified)>>();
        var missing = new List<(string Id, string Version)>();
        foreach (var package in packages.Distinct())
        {
            if (ReadQueryCache(package, out var fetched, out var ids) && now - fetched < _ttl)
            {
                idsByPackage[Key(package)] = ids;
            }
            else
            {
                missing.Add(package);
            }
        }

        foreach (var chunk in missing.Chunk(BatchSize))
        {
            var answers = QueryBatch(chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                idsByPackage[Key(chunk[i])] = answers[i];
                WriteQueryCache(chunk[i], now, answers[i]);
            }
        }

        var records = new Dictionary<string, OsvRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, modified) in idsByPackage.Values.SelectMany(v => v))
        {
            if (!records.ContainsKey(id))
            {
                records[id] = Record(id, modified);
            }
        }

        return [.. records.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>What the cache holds for <paramref name="packages"/>, whatever its age: the fallback when osv.dev cannot be reached.</summary>
    public IReadOnlyList<OsvRecord> CachedRecords(IEnumerable<(string Id, string Version)> packages)
    {
        var records = new Dictionary<string, OsvRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            if (!ReadQueryCache(package, out _, out var ids))
            {
                continue;
            }

            foreach (var (id, _) in ids)
            {
                var file = RecordPath(id);
                if (!records.ContainsKey(id) && File.Exists(file))
                {
                    records[id] = OsvReader.ReadFile(file);
                }
            }
        }

        return [.. records.Values];
    }

    private List<(string, DateTimeOffset?)>[] QueryBatch((string Id, string Version)[] chunk)
    {
        var results = new List<(string, DateTimeOffset?)>[chunk.Length];
        var pageTokens = new string?[chunk.Length];
        var pending = Enumerable.Range(0, chunk.Length).ToList();
        for (var i = 0; i < chunk.Length; i++)
        {
            results[i] = [];
        }

        while (pending.Count > 0)
        {
            var body = BuildBatchBody(pending.Select(i => (chunk[i].Id, chunk[i].Version, pageTokens[i])));
            var text = Send(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/querybatch")) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            var next = new List<int>();
            try
            {
                using var document = JsonDocument.Parse(text);
                var answers = document.RootElement.GetProperty("results");
                if (answers.GetArrayLength() != pending.Count)
                {
                    throw new AdvisorySourceUnavailableException($"osv.dev answered /v1/querybatch with {answers.GetArrayLength()} results to {pending.Count} queries.");
                }

                for (var j = 0; j < pending.Count; j++)
                {
                    var answer = answers[j];
                    if (answer.TryGetProperty("vulns", out var vulns))
                    {
                        foreach (var vuln in vulns.EnumerateArray())
                        {
                            var id = vuln.GetProperty("id").GetString() ?? throw new FormatException("a vulnerability has no id");
                            DateTimeOffset? modified = vuln.TryGetProperty("modified", out var m) && m.ValueKind == JsonValueKind.String
                                ? DateTimeOffset.Parse(m.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                                : null;
                            results[pending[j]].Add((id, modified));
                        }
                    }

                    if (answer.TryGetProperty("next_page_token", out var token) && token.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(token.GetString()))
                    {
                        pageTokens[pending[j]] = token.GetString();
                        next.Add(pending[j]);
                    }
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new AdvisorySourceUnavailableException($"osv.dev answered /v1/querybatch with a body that is not a query-batch result ({e.Message}).", e);
            }

            pending = next;
        }

        return results;
    }

    private OsvRecord Record(string id, DateTimeOffset? modified)
    {
        var file = RecordPath(id);
        if (File.Exists(file))
        {
            try
            {
                var cached = OsvReader.ReadFile(file);
                if (modified is null || cached.Modified >= modified)
                {
                    return cached;
                }
            }
            catch (InputFileException)
            {
                // A damaged cache entry is fetched again rather than trusted.
            }
        }

        var text = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "v1/vulns/" + Uri.EscapeDataString(id))));
        OsvRecord record;
        try
        {
            record = OsvReader.Parse(Encoding.UTF8.GetBytes(text), $"{_base}v1/vulns/{id}");
        }
        catch (InputFileException e)
        {
            throw new AdvisorySourceUnavailableException($"osv.dev answered /v1/vulns/{id} with a record that cannot be read: {e.Message}", e);
        }

        AtomicFile.WriteAllText(file, text);
        return record;
    }

    private string Send(Func<HttpRequestMessage> request)
    {
        var delay = FirstRetryDelay;
        string? lastProblem = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                Thread.Sleep(delay);
                delay *= 2;
            }

            try
            {
                RequestCount++;
                using var message = request();
                using var response = _http.Send(message);
                using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
                var body = reader.ReadToEnd();
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                lastProblem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    break;
                }
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastProblem = $"no answer within {_http.Timeout.TotalSeconds:0.#} s";
            }
            catch (IOException e)
            {
                lastProblem = e.Message;
            }
        }

        throw new AdvisorySourceUnavailableException($"{_base} could not be queried after {MaxAttempts} attempt(s): {lastProblem}.");
    }

    private static string BuildBatchBody(IEnumerable<(string Id, string Version, string? PageToken)> queries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("queries");
            foreach (var (id, version, token) in queries)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("package");
                writer.WriteString("ecosystem", "NuGet");
                writer.WriteString("name", id);
                writer.WriteEndObject();
                writer.WriteString("version", version);
                if (token is not null)
                {
                    writer.WriteString("page_token", token);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (string, string) Key((string Id, string Version) package) => (package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());

    private string QueryPath((string Id, string Version) package)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{package.Id.ToLowerInvariant()}@{package.Version.ToLowerInvariant()}")));
        return Path.Combine(_cache, "queries", hash + ".json");
    }

    private string RecordPath(string id)
    {
        // An id from the network becomes a file name: keep only characters that cannot climb out of the folder.
        var safe = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).TrimStart('.');
        return Path.Combine(_cache, "vulns", safe + ".json");
    }

    private bool ReadQueryCache((string Id, string Version) package, out DateTimeOffset fetched, out List<(string Id, DateTimeOffset? Modified)> ids)
    {
        fetched = default;
        ids = [];
        var file = QueryPath(package);
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            fetched = document.RootElement.GetProperty("fetched").GetDateTimeOffset();
            foreach (var vuln in document.RootElement.GetProperty("vulns").EnumerateArray())
            {
                ids.Add((vuln.GetProperty("id").GetString()!, vuln.TryGetProperty("modified", out var m) ? m.GetDateTimeOffset() : null));
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return false;
        }
    }

    private void WriteQueryCache((string Id, string Version) package, DateTimeOffset now, List<(string Id, DateTimeOffset? Modified)> ids)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("package", package.Id);
            writer.WriteString("version", package.Version);
            writer.WriteString("fetched", now);
            writer.WriteStartArray("vulns");
            foreach (var (id, modified) in ids)
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                if (modified is not null)
                {
                    writer.WriteString("modified", modified.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        AtomicFile.WriteAllBytes(QueryPath(package), buffer.ToArray());
    }
}
