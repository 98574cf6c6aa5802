using System.Text.Json;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>How a finding is written and read in JSON: the findings file and the ledger share it so both read back the same way.</summary>
internal static class SlaFindingJson
{
    /// <summary>Parses a severity name (CRITICAL, HIGH, MODERATE, LOW, UNKNOWN; any case).</summary>
    public static bool TryParseSeverity(string? text, out AdvisorySeverity severity) =>
        System.Enum.TryParse(text, ignoreCase: true, out severity) && System.Enum.IsDefined(severity) && !int.TryParse(text, out _);

    /// <summary>The fields every finding record has (findings file and ledger alike).</summary>
    public static SlaFinding Read(FieldReader r, JsonElement e, string f) => new(
        r.String(e, f, "advisory"), r.StringArray(e, f, "aliases"), r.String(e, f, "package"), r.String(e, f, "version"),
        r.String(e, f, "project"), Severity(r, e, f, "severity"), r.OptionalTime(e, f, "published"), r.OptionalString(e, f, "fixedIn"),
        r.OptionalString(e, f, "summary"));

    /// <summary>A severity field.</summary>
    public static AdvisorySeverity Severity(FieldReader r, JsonElement e, string field, string name) =>
        TryParseSeverity(r.OptionalString(e, field, name), out var severity)
            ? severity
            : throw r.Error($"{field}.{name}", "must be CRITICAL, HIGH, MODERATE, LOW or UNKNOWN");

    /// <summary>The fields of a finding, shared by the ledger and the findings file so both read back the same way.</summary>
    public static void Write(Utf8JsonWriter w, SlaFinding f)
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
        if (f.Published is { } published)
        {
            w.WriteString("published", IsoTime.Format(published));
        }

        w.WriteString("fixedIn", f.FixedIn);
        w.WriteString("summary", f.Summary);
    }
}
