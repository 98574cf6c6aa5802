using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// A compact advisory file: gzip-compressed JSON holding the NuGet part of OSV records, an index from lower-case package
/// id to record positions, the data's date (the newest <c>modified</c> of its records, so the same records always give
/// the same bytes) and the attribution. The embedded snapshot and an imported osv.dev dump both use it. Records are
/// parsed only when a package they cover is asked for.
/// </summary>
public sealed class AdvisorySnapshot : IDisposable
{
    /// <summary>The format name written in every file.</summary>
    public const string FormatName = "securebuild-advisory-snapshot";

    /// <summary>The format version this code reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>The attribution the GitHub Advisory Database's CC-BY 4.0 license asks for.</summary>
    public const string GitHubAttribution = "GitHub Advisory Database (github/advisory-database), CC-BY 4.0";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonDocument _document;
    private readonly JsonElement _records;
    private readonly Dictionary<string, int[]> _index;

    private AdvisorySnapshot(string path, JsonDocument document)
    {
        Path = path;
        _document = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
        {
            throw Invalid(path, $"it is not a {FormatName} file");
        }

        if (!root.TryGetProperty("formatVersion", out var version) || !version.TryGetInt32(out var v) || v != FormatVersion)
        {
            throw Invalid(path, $"format version {(root.TryGetProperty("formatVersion", out var given) ? given.ToString() : "(none)")} is not {FormatVersion}; update Scalyz.SecureBuild or re-import the data");
        }

        Source = root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString()! : "unknown";
        Attribution = root.TryGetProperty("attribution", out var attribution) && attribution.ValueKind == JsonValueKind.String ? attribution.GetString() : null;
        if (root.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            Date = parsed;
        }

        if (!root.TryGetProperty("records", out _records) || _records.ValueKind != JsonValueKind.Array ||
            !root.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "'records' or 'packages' is missing");
        }

        _index = new Dictionary<string, int[]>(StringComparer.OrdinalIgnoreCase);
        var count = _records.GetArrayLength();
        foreach (var package in packages.EnumerateObject())
        {
            var positions = package.Value.ValueKind == JsonValueKind.Array ? package.Value.EnumerateArray().Select(p => p.TryGetInt32(out var i) ? i : -1).ToArray() : [];
            if (positions.Any(p => p < 0 || p >= count))
            {
                throw Invalid(path, $"the index entry of '{package.Name}' points outside the records");
            }

            _index[package.Name] = positions;
        }

        RecordCount = count;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Where the records came from: embedded, osv-dump, ...</summary>
    public string Source { get; }

    /// <summary>The date of the data: the newest <c>modified</c> of the records.</summary>
    public DateTimeOffset? Date { get; }

    /// <summary>The attribution to show with the data.</summary>
    public string? Attribution { get; }

    /// <summary>How many records the file holds.</summary>
    public int RecordCount { get; }

    /// <summary>How many package ids the index holds.</summary>
    public int PackageCount => _index.Count;

    /// <summary>Opens a snapshot file; a missing, corrupt or foreign file is an <see cref="InputFileException"/> (SSB0200 or SSB0201).</summary>
    public static AdvisorySnapshot Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryDataMissing, path, $"The advisory data file '{path}' does not exist.");
        }

        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var document = JsonDocument.Parse(gzip);
            try
            {
                return new AdvisorySnapshot(path, document);
            }
            catch
            {
                document.Dispose();
                throw;
            }
        }
        catch (JsonException e)
        {
            throw InputFileException.FromJson(DiagnosticCodes.AdvisoryDataInvalid, path, "an advisory snapshot", e);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(path, $"it is not gzip data ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryDataInvalid, path, $"The advisory data file '{path}' cannot be read: {e.Message}", inner: e);
        }
    }

    /// <summary>The records covering any of <paramref name="packageIds"/> (each record once), parsed on demand.</summary>
    public IEnumerable<OsvRecord> RecordsFor(IEnumerable<string> packageIds)
    {
        var positions = new SortedSet<int>();
        foreach (var id in packageIds)
        {
            if (_index.TryGetValue(id, out var found))
            {
                positions.UnionWith(found);
            }
        }

        return positions.Select(Read).ToList();
    }

    /// <summary>Every record in the file.</summary>
    public IEnumerable<OsvRecord> AllRecords() => Enumerable.Range(0, RecordCount).Select(Read).ToList();

    public void Dispose() => _document.Dispose();

    /// <summary>
    /// The records a snapshot keeps: not withdrawn, with a NuGet package, the newest version of each id, sorted by id.
    /// An import that keeps none of them has no NuGet data and is refused.
    /// </summary>
    public static IReadOnlyList<OsvRecord> Usable(IEnumerable<OsvRecord> records) => records
        .Where(r => r.Withdrawn is null && r.Affected.Any(a => a.IsNuGet))
        .GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
        .Select(g => g.OrderByDescending(r => r.Modified).First())
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>The date of the data: the newest <c>modified</c> not after <paramref name="notAfter"/> (records dated later are ignored for it).</summary>
    public static DateTimeOffset? DateOf(IEnumerable<OsvRecord> records, DateTimeOffset? notAfter) =>
        records.Select(r => r.Modified).Where(m => notAfter is null || m <= notAfter).Select(m => (DateTimeOffset?)m).Max();

    /// <summary>
    /// Writes <paramref name="records"/> (their NuGet part) as a snapshot, atomically. Withdrawn records and records
    /// without a NuGet package are left out; the date is the newest <c>modified</c> over all records given, ignoring
    /// any after <paramref name="notAfter"/> (the time of an import), so one record from the future cannot make old data look current.
    /// </summary>
    /// <returns>The number of records written and the date of the data.</returns>
    public static (int Records, DateTimeOffset? Date) Write(string path, IEnumerable<OsvRecord> records, string source, string? attribution, DateTimeOffset? notAfter = null)
    {
        var all = records.ToList();
        var date = DateOf(all, notAfter);
        var kept = Usable(all);
        var index = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            foreach (var name in kept[i].Affected.Where(a => a.IsNuGet).Select(a => a.Name.ToLowerInvariant()).Distinct())
            {
                if (!index.TryGetValue(name, out var list))
                {
                    index[name] = list = [];
                }

                list.Add(i);
            }
        }

        using var buffer = new MemoryStream();
        // mtime 0 and a fixed level keep the bytes a function of the records alone.
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("source", source);
            if (date is not null)
            {
                writer.WriteString("date", date.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            if (attribution is not null)
            {
                writer.WriteString("attribution", attribution);
            }

            writer.WriteStartObject("packages");
            foreach (var (name, positions) in index)
            {
                writer.WriteStartArray(name);
                positions.ForEach(writer.WriteNumberValue);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("records");
            foreach (var record in kept)
            {
                WriteRecord(writer, record);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        AtomicFile.WriteAllBytes(path, buffer.ToArray());
        return (kept.Count, date);
    }

    private OsvRecord Read(int position) => OsvReader.FromElement(_records[position], $"{Path} (record {position})");

    private static void WriteRecord(Utf8JsonWriter writer, OsvRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteString("modified", record.Modified);
        if (record.Published is { } published)
        {
            writer.WriteString("published", published);
        }

        WriteStrings(writer, "aliases", record.Aliases);
        writer.WriteString("summary", record.Summary);
        writer.WriteStartArray("severity");
        foreach (var severity in record.Severity)
        {
            writer.WriteStartObject();
            writer.WriteString("type", severity.Type);
            writer.WriteString("score", severity.Score);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("affected");
        foreach (var affected in record.Affected.Where(a => a.IsNuGet))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("package");
            writer.WriteString("ecosystem", affected.Ecosystem);
            writer.WriteString("name", affected.Name);
            writer.WriteEndObject();
            writer.WriteStartArray("ranges");
            foreach (var range in affected.Ranges)
            {
                writer.WriteStartObject();
                writer.WriteString("type", range.Type);
                writer.WriteStartArray("events");
                foreach (var e in range.Events)
                {
                    writer.WriteStartObject();
                    writer.WriteString(e.Kind switch { OsvEventKind.Introduced => "introduced", OsvEventKind.Fixed => "fixed", OsvEventKind.LastAffected => "last_affected", _ => "limit" }, e.Version);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteStrings(writer, "versions", affected.Versions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (record.GitHubSeverity is not null)
        {
            writer.WriteStartObject("database_specific");
            writer.WriteString("severity", record.GitHubSeverity);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static InputFileException Invalid(string path, string problem) =>
        new(DiagnosticCodes.AdvisoryDataInvalid, path, $"The advisory data file '{path}' cannot be used: {problem}.");
}
