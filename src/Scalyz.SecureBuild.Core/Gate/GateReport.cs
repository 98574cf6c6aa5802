using System.Globalization;
using System.Text;
using System.Text.Json;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>The gate's evidence in the forms people and tools read: a terminal summary, JSON, Markdown and SARIF 2.1.0.</summary>
public static class GateReport
{
    /// <summary>A short summary for the terminal: the verdict, then one line per reason.</summary>
    public static string ToSummary(GateResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Release gate: {result.Project} {result.Release} at {Time(result.At)}\n");
        text.Append(CultureInfo.InvariantCulture, $"SBOM: {result.Sbom.Path} ({result.Sbom.Format}, {result.Sbom.Components.Count} components shipped)\n");
        foreach (var d in result.Data)
        {
            text.Append(CultureInfo.InvariantCulture, $"Advisory data: {d.Source}, {d.Records} records, dated {(d.Date is { } date ? Date(date) : "unknown")}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Advisories published by the gate: {result.Findings.Count}\n");
        foreach (var accepted in result.AcceptedRisks)
        {
            text.Append(CultureInfo.InvariantCulture, $"Accepted risk: {accepted.Finding.AdvisoryId} in {accepted.Finding.PackageId} {accepted.Finding.PackageVersion}, until {Date(accepted.Acceptance!.Until)} ({accepted.Acceptance.Reason})\n");
        }

        foreach (var b in result.Bypasses.Where(b => b.IsAccepted))
        {
            text.Append(CultureInfo.InvariantCulture, $"Justified bypass: {b.Project}: {BypassCheck.Subject(b.Item)} at {b.Item.Location} ({b.Reason})\n");
        }

        text.Append('\n');
        if (result.Passed)
        {
            text.Append("PASSED: nothing stops this release.\n");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"FAILED: {result.Reasons.Count} reason(s)\n");
        foreach (var reason in result.Reasons)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {reason.Code} {reason.Message}\n");
        }

        return text.ToString();
    }

    /// <summary>The evidence as JSON: verdict, reasons, findings with their deadlines, accepted risks and data used.</summary>
    public static byte[] ToJson(GateResult result) => SbomJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("release", result.Release);
        w.WriteString("project", result.Project);
        w.WriteString("at", Time(result.At));
        w.WriteString("verdict", result.Passed ? "passed" : "failed");
        w.WriteStartObject("sbom");
        w.WriteString("path", result.Sbom.Path);
        w.WriteString("format", result.Sbom.Format);
        w.WriteNumber("components", result.Sbom.Components.Count);
        w.WriteEndObject();
        w.WriteStartArray("reasons");
        foreach (var reason in result.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("code", reason.Code);
            w.WriteString("message", reason.Message);
            if (reason.Component is not null)
            {
                w.WriteString("component", reason.Component);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in result.Findings)
        {
            w.WriteStartObject();
            w.WriteString("advisory", f.Finding.AdvisoryId);
            w.WriteString("package", f.Finding.PackageId);
            w.WriteString("version", f.Finding.PackageVersion);
            w.WriteString("severity", f.Finding.Severity.ToString().ToUpperInvariant());
            if (f.Finding.Published is { } published)
            {
                w.WriteString("published", Time(published));
            }

            w.WriteString("due", f.DueText);
            w.WriteString("status", f.Status.ToString());
            if (f.Acceptance is { } acceptance && f.Status == DeadlineStatus.Accepted)
            {
                w.WriteStartObject("acceptedRisk");
                w.WriteString("by", acceptance.Actor);
                w.WriteString("reason", acceptance.Reason);
                w.WriteString("until", Time(acceptance.Until));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("bypasses");
        foreach (var b in result.Bypasses)
        {
            w.WriteStartObject();
            w.WriteString("project", b.Project);
            w.WriteBoolean("accepted", b.IsAccepted);
            w.WriteString("allowedBy", b.AllowedBy);
            Bypass.BypassEvidenceFile.WriteItem(w, b.Item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("advisoryData");
        foreach (var d in result.Data)
        {
            w.WriteStartObject();
            w.WriteString("source", d.Source);
            w.WriteNumber("records", d.Records);
            if (d.Date is { } date)
            {
                w.WriteString("date", Time(date));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The evidence as Markdown, for a release ticket or an auditor.</summary>
    public static string ToMarkdown(GateResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Release gate: {result.Project} {result.Release}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**{(result.Passed ? "PASSED" : "FAILED")}** at {Time(result.At)}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- SBOM: `{result.Sbom.Path}` ({result.Sbom.Format}, {result.Sbom.Components.Count} components shipped)\n");
        foreach (var d in result.Data)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Advisory data: {d.Source}, {d.Records} records, dated {(d.Date is { } date ? Date(date) : "unknown")}\n");
        }

        if (!result.Passed)
        {
            text.Append("\n## Reasons\n\n| Code | Reason |\n|---|---|\n");
            foreach (var reason in result.Reasons)
            {
                text.Append(CultureInfo.InvariantCulture, $"| [{reason.Code}]({DiagnosticCodes.HelpLink(reason.Code)}) | {Cell(reason.Message)} |\n");
            }
        }

        text.Append("\n## Advisories\n\n");
        if (result.Findings.Count == 0)
        {
            text.Append("No advisory published by the gate affects the shipped packages.\n");
        }
        else
        {
            text.Append("| Advisory | Package | Severity | Published | Due | Status |\n|---|---|---|---|---|---|\n");
            foreach (var f in result.Findings)
            {
                var status = f.Status == DeadlineStatus.Accepted ? $"Accepted until {Date(f.Acceptance!.Until)}: {Cell(f.Acceptance.Reason)}" : f.Status.ToString();
                text.Append(CultureInfo.InvariantCulture, $"| {f.Finding.AdvisoryId} | {f.Finding.PackageId} {f.Finding.PackageVersion} | {f.Finding.Severity.ToString().ToUpperInvariant()} | {(f.Finding.Published is { } published ? Date(published) : "unknown")} | {Cell(f.DueText)} | {status} |\n");
            }
        }

        if (result.Bypasses.Count > 0)
        {
            text.Append("\n## Bypasses\n\n| Project | What | Where | Accepted | Reason |\n|---|---|---|---|---|\n");
            foreach (var b in result.Bypasses)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(b.Project)} | {Cell(BypassCheck.Subject(b.Item))} | {Cell(b.Item.Location)} | {(b.IsAccepted ? "yes" : "no")} | {Cell(b.Reason ?? "(none)")} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The reasons as SARIF 2.1.0 results on the SBOM file, for code-scanning UIs.</summary>
    public static byte[] ToSarif(GateResult result, string toolVersion) => SbomJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "Scalyz.SecureBuild");
        w.WriteString("version", toolVersion);
        w.WriteString("informationUri", "https://github.com/scalyz/securebuild");
        w.WriteStartArray("rules");
        var codes = result.Reasons.Select(r => r.Code);
        if (result.Bypasses.Any(b => b.IsAccepted))
        {
            codes = codes.Append(DiagnosticCodes.GateBypassUnjustified);
        }

        foreach (var code in codes.Distinct().Order(StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", code);
            w.WriteString("helpUri", DiagnosticCodes.HelpLink(code));
            w.WriteStartObject("properties");
            w.WriteString("category", DiagnosticCodes.Categories.Sbom);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var reason in result.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", reason.Code);
            w.WriteString("level", "error");
            w.WriteStartObject("message");
            w.WriteString("text", reason.Message);
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", new Uri(Path.GetFullPath(result.Sbom.Path)).AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        // Accepted bypasses are results the way SARIF records a suppression: with its kind, status and justification.
        foreach (var b in result.Bypasses.Where(b => b.IsAccepted))
        {
            w.WriteStartObject();
            w.WriteString("ruleId", DiagnosticCodes.GateBypassUnjustified);
            w.WriteString("level", "note");
            w.WriteStartObject("message");
            w.WriteString("text", $"{b.Project}: {BypassCheck.Subject(b.Item)} at {b.Item.Location} ({b.Item.Detail})");
            w.WriteEndObject();
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", b.AllowedBy is null ? "inSource" : "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", b.Reason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Time(DateTimeOffset time) => SbomJson.FormatTimestamp(time);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
