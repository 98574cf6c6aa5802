using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Ledger;

/// <summary>
/// The ledger file format: one JSON object with findings, releases, acceptances and history, one record per line so a
/// change reads as a one-line diff in code review. Findings are sorted by project, advisory and package; history keeps
/// its append order. Documented in src/docs/sla.md.
/// </summary>
public static class LedgerJson
{
    /// <summary>The format version written and read.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions RecordOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes <paramref name="ledger"/> in the stable, review-friendly layout.</summary>
    public static string Serialize(LedgerSnapshot ledger) => System.Text.Encoding.UTF8.GetString(SerializeUtf8(ledger));

    /// <summary>Serializes <paramref name="ledger"/> as UTF-8 bytes (what the file holds).</summary>
    public static byte[] SerializeUtf8(LedgerSnapshot ledger)
    {
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer, RecordOptions);
        Raw(buffer, "{\n  \"schemaVersion\": " + SchemaVersion.ToString(CultureInfo.InvariantCulture) + ",\n");
        Section(buffer, writer, "findings", ledger.Findings.OrderBy(f => f.Key), WriteFinding, last: false);
        Section(buffer, writer, "releases", ledger.Releases.OrderBy(r => r.At).ThenBy(r => r.Version, StringComparer.Ordinal), WriteRelease, last: false);
        Section(buffer, writer, "acceptances", ledger.Acceptances.OrderBy(a => a.At).ThenBy(a => a.AdvisoryId, StringComparer.Ordinal), WriteAcceptance, last: false);
        Section(buffer, writer, "history", ledger.History, WriteHistory, last: true);
        Raw(buffer, "}\n");
        return buffer.ToArray();
    }

    /// <summary>Reads a ledger file's content; problems are <see cref="InputFileException"/> (SSB0303) naming the line and field.</summary>
    public static LedgerSnapshot Parse(byte[] utf8, string path)
    {
        return FieldReader.Read(utf8, path, DiagnosticCodes.LedgerInvalid, "a findings ledger", "the ledger", default, (r, root) =>
        {
            r.Expect(root, JsonValueKind.Object, string.Empty, "an object");
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != SchemaVersion)
            {
                throw r.Error("schemaVersion", $"must be {SchemaVersion}");
            }

            return new LedgerSnapshot(
                r.Array(root, "findings", ReadFinding),
                r.Array(root, "releases", (r, e, f) => new LedgerRelease(r.String(e, f, "version"), r.Time(e, f, "at"), r.OptionalString(e, f, "project"), r.String(e, f, "actor"))),
                r.Array(root, "acceptances", (r, e, f) => new RiskAcceptance(
                    r.String(e, f, "advisory"), r.OptionalString(e, f, "project"), r.OptionalString(e, f, "package"),
                    r.String(e, f, "actor"), r.String(e, f, "reason"), r.Time(e, f, "until"), r.Time(e, f, "at"))),
                r.Array(root, "history", (r, e, f) => new HistoryEntry(
                    r.Time(e, f, "at"), r.String(e, f, "actor"), r.Enum<HistoryKind>(e, f, "kind"),
                    r.OptionalString(e, f, "advisory"), r.OptionalString(e, f, "package"), r.OptionalString(e, f, "project"), r.String(e, f, "detail"))));
        });
    }

    /// <summary>Parses a severity name (CRITICAL, HIGH, MODERATE, LOW, UNKNOWN; any case).</summary>
    public static bool TryParseSeverity(string? text, out AdvisorySeverity severity) =>
        System.Enum.TryParse(text, ignoreCase: true, out severity) && System.Enum.IsDefined(severity) && !int.TryParse(text, out _);

    private static LedgerFinding ReadFinding(FieldReader r, JsonElement e, string f) =>
        new(r.SlaFinding(e, f), r.Time(e, f, "firstSeen"), r.Time(e, f, "lastSeen"), r.OptionalTime(e, f, "fixedAt"));

    // One compact record per line: the writer is reset onto the shared buffer for each record, separators go in raw.
    private static void Section<T>(MemoryStream buffer, Utf8JsonWriter writer, string name, IEnumerable<T> records, Action<Utf8JsonWriter, T> write, bool last)
    {
        Raw(buffer, "  \"" + name + "\": [");
        var first = true;
        foreach (var record in records)
        {
            Raw(buffer, first ? "\n    " : ",\n    ");
            first = false;
            writer.Reset(buffer);
            writer.WriteStartObject();
            write(writer, record);
            writer.WriteEndObject();
            writer.Flush();
        }

        Raw(buffer, first ? "]" : "\n  ]");
        Raw(buffer, last ? "\n" : ",\n");
    }

    private static void Raw(MemoryStream buffer, string text) => buffer.Write(System.Text.Encoding.UTF8.GetBytes(text));

    private static void WriteFinding(Utf8JsonWriter w, LedgerFinding record)
    {
        WriteSlaFinding(w, record.Finding);
        w.WriteString("firstSeen", ScanMerge.Iso(record.FirstSeen));
        w.WriteString("lastSeen", ScanMerge.Iso(record.LastSeen));
        w.WriteString("fixedAt", record.FixedAt is { } at ? ScanMerge.Iso(at) : null);
    }

    /// <summary>The fields of a finding, shared by the ledger and the findings file so both read back the same way.</summary>
    internal static void WriteSlaFinding(Utf8JsonWriter w, SlaFinding f)
    {
        w.WriteString("advisory", f.AdvisoryId);
        w.WriteStartArray("aliases");
        foreach (var alias in f.Aliases)
        {
            w.WriteStringValue(alias);
        }

        w.WriteEndArray();
        w.WriteString("package", f.PackageId);
        w.WriteString("version", f.PackageVersion);
        w.WriteString("project", f.Project);
        w.WriteString("severity", f.Severity.ToString().ToUpperInvariant());
        w.WriteString("published", ScanMerge.Iso(f.Published));
        w.WriteString("fixedIn", f.FixedIn);
        w.WriteString("summary", f.Summary);
    }

    private static void WriteRelease(Utf8JsonWriter w, LedgerRelease r)
    {
        w.WriteString("version", r.Version);
        w.WriteString("at", ScanMerge.Iso(r.At));
        w.WriteString("project", r.Project);
        w.WriteString("actor", r.Actor);
    }

    private static void WriteAcceptance(Utf8JsonWriter w, RiskAcceptance a)
    {
        w.WriteString("advisory", a.AdvisoryId);
        w.WriteString("project", a.Project);
        w.WriteString("package", a.PackageId);
        w.WriteString("actor", a.Actor);
        w.WriteString("reason", a.Reason);
        w.WriteString("until", ScanMerge.Iso(a.Until));
        w.WriteString("at", ScanMerge.Iso(a.At));
    }

    private static void WriteHistory(Utf8JsonWriter w, HistoryEntry h)
    {
        w.WriteString("at", ScanMerge.Iso(h.At));
        w.WriteString("actor", h.Actor);
        w.WriteString("kind", h.Kind.ToString());
        w.WriteString("advisory", h.AdvisoryId);
        w.WriteString("package", h.PackageId);
        w.WriteString("project", h.Project);
        w.WriteString("detail", h.Detail);
    }
}

/// <summary>Reads typed fields of JSON records and turns every problem into an <see cref="InputFileException"/> naming the line and field.</summary>
internal sealed class FieldReader(string path, Lazy<JsonLineMap> lines, string code, string what)
{
    /// <summary>Parses <paramref name="utf8"/> and hands its root to <paramref name="read"/>; a syntax error names the line.</summary>
    public static T Read<T>(byte[] utf8, string path, string code, string fileKind, string what, JsonDocumentOptions options, Func<FieldReader, JsonElement, T> read)
    {
        using var document = JsonInput.Parse(utf8, code, path, fileKind, options);
        // Lines are only needed for an error message, so the map is built then, not on every (large ledger) read.
        return read(new FieldReader(path, new Lazy<JsonLineMap>(() => JsonLineMap.Build(JsonInput.WithoutBom(utf8).Span)), code, what), document.RootElement);
    }

    public IReadOnlyList<T> Array<T>(JsonElement parent, string name, Func<FieldReader, JsonElement, string, T> read)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, "must be an array");
        }

        var result = new List<T>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            Expect(element, JsonValueKind.Object, field, "an object");
            result.Add(read(this, element, field));
        }

        return result;
    }

    /// <summary>The fields every finding record has (findings file and ledger alike).</summary>
    public SlaFinding SlaFinding(JsonElement e, string f) => new(
        String(e, f, "advisory"), StringArray(e, f, "aliases"), String(e, f, "package"), String(e, f, "version"),
        String(e, f, "project"), Severity(e, f, "severity"), Time(e, f, "published"), OptionalString(e, f, "fixedIn"),
        OptionalString(e, f, "summary"));

    public string String(JsonElement e, string field, string name) =>
        OptionalString(e, field, name) is { Length: > 0 } value ? value : throw Error($"{field}.{name}", "must be a non-empty string");

    public string? OptionalString(JsonElement e, string field, string name) =>
        !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Error($"{field}.{name}", $"must be a string, not {value.GetRawText()}");

    public IReadOnlyList<string> StringArray(JsonElement e, string field, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Error($"{field}.{name}", "must be an array of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public DateTimeOffset Time(JsonElement e, string field, string name) =>
        OptionalTime(e, field, name) ?? throw Error($"{field}.{name}", "must be an ISO 8601 UTC time such as 2026-11-21T10:00:00Z");

    public DateTimeOffset? OptionalTime(JsonElement e, string field, string name)
    {
        var text = OptionalString(e, field, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Error($"{field}.{name}", $"must be an ISO 8601 UTC time such as 2026-11-21T10:00:00Z, not \"{text}\"");
    }

    public AdvisorySeverity Severity(JsonElement e, string field, string name) =>
        LedgerJson.TryParseSeverity(OptionalString(e, field, name), out var severity)
            ? severity
            : throw Error($"{field}.{name}", "must be CRITICAL, HIGH, MODERATE, LOW or UNKNOWN");

    public T Enum<T>(JsonElement e, string field, string name)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(OptionalString(e, field, name), ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw Error($"{field}.{name}", $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");

    /// <summary>Checks a file's "version" field, which must be 1 (the only version of <paramref name="file"/> so far).</summary>
    public void ExpectVersion1(JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var version) || version != 1)
        {
            throw Error("version", $"must be 1 (the only {file} version), not {value.GetRawText()}");
        }
    }

    public void Expect(JsonElement value, JsonValueKind kind, string field, string description)
    {
        if (value.ValueKind != kind)
        {
            throw Error(field, $"must be {description}");
        }
    }

    public InputFileException Error(string field, string problem)
    {
        var line = lines.Value.LineOf(field);
        var where = field.Length == 0 ? $"The content of {what}" : $"'{field}'";
        var at = line is null ? string.Empty : $" (line {line})";
        return new InputFileException(code, path, $"{where} in '{path}'{at} {problem}.", line);
    }
}
