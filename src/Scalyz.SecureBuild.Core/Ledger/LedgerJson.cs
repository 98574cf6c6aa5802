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
        if (ledger.Bypasses.Count > 0)
        {
            // Only ledgers with bypasses carry the section, so every other ledger keeps its exact bytes.
            Section(buffer, writer, "bypasses", ledger.Bypasses.OrderBy(b => b.Key), WriteBypass, last: false);
        }

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
                    r.OptionalString(e, f, "advisory"), r.OptionalString(e, f, "package"), r.OptionalString(e, f, "project"), r.String(e, f, "detail"))))
            {
                Bypasses = root.TryGetProperty("bypasses", out _) ? r.Array(root, "bypasses", ReadBypass) : [],
            };
        });
    }

    /// <summary>Parses a severity name (CRITICAL, HIGH, MODERATE, LOW, UNKNOWN; any case).</summary>
    public static bool TryParseSeverity(string? text, out AdvisorySeverity severity) => SlaFindingJson.TryParseSeverity(text, out severity);

    private static LedgerFinding ReadFinding(FieldReader r, JsonElement e, string f) =>
        new(SlaFindingJson.Read(r, e, f), r.Time(e, f, "firstSeen"), r.Time(e, f, "lastSeen"), r.OptionalTime(e, f, "fixedAt"));

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
        SlaFindingJson.Write(w, record.Finding);
        w.WriteString("firstSeen", ScanMerge.Iso(record.FirstSeen));
        w.WriteString("lastSeen", ScanMerge.Iso(record.LastSeen));
        w.WriteString("fixedAt", record.FixedAt is { } at ? ScanMerge.Iso(at) : null);
    }

    private static void WriteBypass(Utf8JsonWriter w, Bypass.LedgerBypass b)
    {
        w.WriteString("project", b.Project);
        Bypass.BypassEvidenceFile.WriteItem(w, b.Item);
        w.WriteNumber("ordinal", b.Ordinal);
        w.WriteString("firstSeen", ScanMerge.Iso(b.FirstSeen));
        w.WriteString("lastSeen", ScanMerge.Iso(b.LastSeen));
        w.WriteString("goneAt", b.GoneAt is { } at ? ScanMerge.Iso(at) : null);
    }

    private static Bypass.LedgerBypass ReadBypass(FieldReader r, JsonElement e, string f) =>
        new(r.String(e, f, "project"), r.Int(e, f, "ordinal"),
            new Bypass.BypassItem(r.String(e, f, "kind"), r.String(e, f, "target"), r.OptionalString(e, f, "file"), r.Int(e, f, "line"),
                r.Bool(e, f, "justified"), r.OptionalString(e, f, "reason"), r.String(e, f, "detail")),
            r.Time(e, f, "firstSeen"), r.Time(e, f, "lastSeen"), r.OptionalTime(e, f, "goneAt"));

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
