using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Cli.Output;

/// <summary>Renders an <see cref="SlaReport"/> as a terminal table, JSON, CSV or Markdown (HTML: <see cref="SlaReportHtml"/>).</summary>
internal static class SlaReportRenderer
{
    public static string Render(SlaReport report, string format) => format switch
    {
        "json" => Json(report),
        "csv" => Csv(report),
        "markdown" => Markdown(report),
        "html" => SlaReportHtml.Render(report),
        _ => Table(report),
    };

    /// <summary>The CLI name of a status (also used by --status).</summary>
    public static string StatusName(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Breached => "breached",
        DeadlineStatus.DueSoon => "due-soon",
        DeadlineStatus.Accepted => "accepted",
        DeadlineStatus.Fixed => "fixed",
        _ => "ok",
    };

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Summary(SlaReport report) =>
        $"SLA report as of {ScanMerge.Iso(report.AsOf)}: {Plural(report.Findings.Count, "finding")} in {Plural(report.ProjectCount, "project")}: "
        + $"{report.Count(DeadlineStatus.Breached)} breached, {report.Count(DeadlineStatus.DueSoon)} due soon, {report.Count(DeadlineStatus.Ok)} ok, "
        + $"{report.Count(DeadlineStatus.Accepted)} accepted, {report.Count(DeadlineStatus.Fixed)} fixed";

    /// <summary>"3 days overdue", "due in 2 days", "fixed in 4.5 days": the one cell people read first.</summary>
    public static string Standing(DeadlineResult r) => r.Status switch
    {
        DeadlineStatus.Breached => r.DaysOverdue == 0 ? "overdue < 1 day" : $"{Plural(r.DaysOverdue, "day")} overdue",
        DeadlineStatus.Fixed => $"fixed {Date(r.FixedAt!.Value)} in {Days(r.TimeToRemediate!.Value.TotalDays)} days{(r.FixedAt <= r.Due ? string.Empty : " (late)")}",
        DeadlineStatus.Accepted => $"accepted until {Date(r.Acceptance!.Until)}",
        _ when r.AwaitsRelease => "due at the next release",
        _ => r.DaysLeft == 0 ? "due < 1 day" : $"due in {Plural(r.DaysLeft, "day")}",
    };

    public static IReadOnlyList<string> FindingCells(DeadlineResult r) =>
    [
        r.Finding.Project, r.Finding.AdvisoryId, r.Finding.PackageId, r.Finding.PackageVersion, Severity(r), ClassName(r.Class),
        r.DueText, StatusName(r.Status), Standing(r),
    ];

    public static readonly string[] FindingHeaders = ["Project", "Advisory", "Package", "Version", "Severity", "Class", "Due", "Status", "Standing"];

    public static readonly string[] RemediationHeaders = ["Severity", "Fixed", "In time", "Median days", "Mean days", "Max days"];

    public static IReadOnlyList<string> RemediationCells(RemediationStats s) =>
        [s.Severity.ToString().ToUpperInvariant(), Count(s.Fixed), Count(s.FixedInTime), Days(s.MedianDays), Days(s.MeanDays), Days(s.MaxDays)];

    public static readonly string[] AcceptanceHeaders = ["Advisory", "Project", "Package", "Accepted by", "On", "Until", "State", "Reason"];

    public static IReadOnlyList<string> AcceptanceCells(RiskAcceptance a, DateTimeOffset now) =>
        [a.AdvisoryId, a.Project ?? "(all)", a.PackageId ?? "(all)", a.Actor, Date(a.At), Date(a.Until), a.IsActiveAt(now) ? "active" : "expired", a.Reason];

    public static readonly string[] BypassHeaders = ["Project", "Kind", "Target", "Where", "Justified", "Reason", "Since", "In place"];

    public static IReadOnlyList<string> BypassCells(LedgerBypass b, DateTimeOffset now) =>
        [b.Project, b.Item.Kind, b.Item.Target, b.Item.Location, b.Item.Justified ? "yes" : "no", b.Item.Reason ?? "(none)", Date(b.FirstSeen), $"{Days(b.InPlace(now).TotalDays)} days"];

    /// <summary>The title of the bypass section in every format.</summary>
    public const string BypassTitle = "Active bypasses (suppressed rules, switches turned off)";

    private static string Table(SlaReport report)
    {
        var text = new StringBuilder().Append(Summary(report)).Append("\n\n");
        var findings = new TextTable(FindingHeaders);
        foreach (var r in report.Findings)
        {
            findings.AddRow([.. FindingCells(r)]);
        }

        text.Append("Findings\n\n").Append(findings.RowCount > 0 ? findings.ToString() : "(none)\n");
        var remediation = new TextTable(RemediationHeaders);
        foreach (var s in report.Remediation)
        {
            remediation.AddRow([.. RemediationCells(s)]);
        }

        text.Append("\nTime to remediate (clock start to fix)\n\n").Append(remediation.RowCount > 0 ? remediation.ToString() : "(nothing fixed yet)\n");
        var acceptances = new TextTable(AcceptanceHeaders);
        foreach (var a in report.Acceptances)
        {
            acceptances.AddRow([.. AcceptanceCells(a, report.AsOf)]);
        }

        text.Append("\nAccepted risks\n\n").Append(acceptances.RowCount > 0 ? acceptances.ToString() : "(none)\n");
        var bypasses = new TextTable(BypassHeaders);
        foreach (var b in report.Bypasses)
        {
            bypasses.AddRow([.. BypassCells(b, report.AsOf)]);
        }

        text.Append('\n').Append(BypassTitle).Append("\n\n").Append(bypasses.RowCount > 0 ? bypasses.ToString() : "(none)\n");
        return text.ToString();
    }

    private static string Markdown(SlaReport report)
    {
        var text = new StringBuilder("# Patch deadline report\n\n").Append(Summary(report)).Append(".\n\nLedger: `").Append(report.Ledger).Append("`\n");
        MarkdownTable(text, "Findings", FindingHeaders, report.Findings.Select(FindingCells));
        MarkdownTable(text, "Time to remediate (clock start to fix)", RemediationHeaders, report.Remediation.Select(RemediationCells));
        MarkdownTable(text, "Accepted risks", AcceptanceHeaders, report.Acceptances.Select(a => AcceptanceCells(a, report.AsOf)));
        MarkdownTable(text, BypassTitle, BypassHeaders, report.Bypasses.Select(b => BypassCells(b, report.AsOf)));
        return text.ToString();
    }

    private static void MarkdownTable(StringBuilder text, string title, string[] headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.Append("\n## ").Append(title).Append("\n\n");
        var list = rows.ToList();
        if (list.Count == 0)
        {
            text.Append("None.\n");
            return;
        }

        text.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n|").Append(string.Concat(headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in list)
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)))).Append(" |\n");
        }
    }

    private static string Csv(SlaReport report)
    {
        var text = new StringBuilder();
        string[] headers = ["project", "advisory", "aliases", "package", "version", "severity", "class", "clock_start", "due", "due_release", "status", "days_overdue", "days_left", "fixed_at", "days_to_remediate", "accepted_by", "accepted_until", "accepted_reason"];
        text.Append(string.Join(',', headers)).Append("\r\n");
        foreach (var r in report.Findings)
        {
            string[] cells =
            [
                r.Finding.Project, r.Finding.AdvisoryId, string.Join(' ', r.Finding.Aliases), r.Finding.PackageId, r.Finding.PackageVersion, Severity(r),
                ClassName(r.Class), ScanMerge.Iso(r.ClockStart), r.AwaitsRelease ? string.Empty : ScanMerge.Iso(r.Due), r.DueRelease ?? string.Empty, StatusName(r.Status),
                Count(r.DaysOverdue), Count(r.DaysLeft), r.FixedAt is { } fixedAt ? ScanMerge.Iso(fixedAt) : string.Empty,
                r.TimeToRemediate is { } ttr ? Days(ttr.TotalDays) : string.Empty, r.Acceptance?.Actor ?? string.Empty,
                r.Acceptance is { } a ? ScanMerge.Iso(a.Until) : string.Empty, r.Acceptance?.Reason ?? string.Empty,
            ];
            text.Append(string.Join(',', cells.Select(CsvCell))).Append("\r\n");
        }

        // The bypasses follow as a second table after an empty line, with their own header.
        text.Append("\r\n");
        string[] bypassHeaders = ["bypass_project", "kind", "target", "file", "line", "justified", "reason", "detail", "first_seen", "last_seen", "days_in_place"];
        text.Append(string.Join(',', bypassHeaders)).Append("\r\n");
        foreach (var b in report.Bypasses)
        {
            string[] cells =
            [
                b.Project, b.Item.Kind, b.Item.Target, b.Item.File ?? string.Empty, Count(b.Item.Line), b.Item.Justified ? "true" : "false",
                b.Item.Reason ?? string.Empty, b.Item.Detail, ScanMerge.Iso(b.FirstSeen), ScanMerge.Iso(b.LastSeen), Days(b.InPlace(report.AsOf).TotalDays),
            ];
            text.Append(string.Join(',', cells.Select(CsvCell))).Append("\r\n");
        }

        return text.ToString();
    }

    // Cells starting with a formula character are prefixed so spreadsheets never execute ledger text.
    private static string CsvCell(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Json(SlaReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("asOf", ScanMerge.Iso(report.AsOf));
            w.WriteString("ledger", report.Ledger);
            w.WriteStartObject("summary");
            foreach (var status in Enum.GetValues<DeadlineStatus>())
            {
                w.WriteNumber(StatusName(status), report.Count(status));
            }

            w.WriteEndObject();
            w.WriteStartArray("findings");
            foreach (var r in report.Findings)
            {
                w.WriteStartObject();
                w.WriteString("project", r.Finding.Project);
                w.WriteString("advisory", r.Finding.AdvisoryId);
                w.WriteStartArray("aliases");
                foreach (var alias in r.Finding.Aliases)
                {
                    w.WriteStringValue(alias);
                }

                w.WriteEndArray();
                w.WriteString("package", r.Finding.PackageId);
                w.WriteString("version", r.Finding.PackageVersion);
                w.WriteString("severity", Severity(r));
                w.WriteString("class", ClassName(r.Class));
                w.WriteString("clockStart", ScanMerge.Iso(r.ClockStart));
                w.WriteString("due", r.AwaitsRelease ? null : ScanMerge.Iso(r.Due));
                w.WriteString("dueRelease", r.DueRelease);
                w.WriteString("status", StatusName(r.Status));
                w.WriteNumber("daysOverdue", r.DaysOverdue);
                w.WriteNumber("daysLeft", r.DaysLeft);
                w.WriteString("fixedIn", r.Finding.FixedIn);
                w.WriteString("fixedAt", r.FixedAt is { } at ? ScanMerge.Iso(at) : null);
                if (r.TimeToRemediate is { } ttr)
                {
                    w.WriteNumber("daysToRemediate", Math.Round(ttr.TotalDays, 1));
                }
                else
                {
                    w.WriteNull("daysToRemediate");
                }

                w.WriteString("summary", r.Finding.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("remediation");
            foreach (var s in report.Remediation)
            {
                w.WriteStartObject();
                w.WriteString("severity", s.Severity.ToString().ToUpperInvariant());
                w.WriteNumber("fixed", s.Fixed);
                w.WriteNumber("fixedInTime", s.FixedInTime);
                w.WriteNumber("medianDays", s.MedianDays);
                w.WriteNumber("meanDays", s.MeanDays);
                w.WriteNumber("maxDays", s.MaxDays);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("acceptances");
            foreach (var a in report.Acceptances)
            {
                w.WriteStartObject();
                w.WriteString("advisory", a.AdvisoryId);
                w.WriteString("project", a.Project);
                w.WriteString("package", a.PackageId);
                w.WriteString("actor", a.Actor);
                w.WriteString("reason", a.Reason);
                w.WriteString("at", ScanMerge.Iso(a.At));
                w.WriteString("until", ScanMerge.Iso(a.Until));
                w.WriteBoolean("active", a.IsActiveAt(report.AsOf));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("bypasses");
            foreach (var b in report.Bypasses)
            {
                w.WriteStartObject();
                w.WriteString("project", b.Project);
                BypassEvidenceFile.WriteItem(w, b.Item);
                w.WriteString("firstSeen", ScanMerge.Iso(b.FirstSeen));
                w.WriteString("lastSeen", ScanMerge.Iso(b.LastSeen));
                w.WriteNumber("daysInPlace", Math.Round(b.InPlace(report.AsOf).TotalDays, 1));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Severity(DeadlineResult r) => r.Finding.Severity.ToString().ToUpperInvariant();

    public static string ClassName(PolicyClass c) => c.ToString().ToLowerInvariant();

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Days(double days) => days.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
