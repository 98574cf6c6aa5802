using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>A finding with the file and line it is reported at (the PackageReference or PackageVersion line).</summary>
public sealed record LocatedFinding(AuditFinding Finding, string File, int Line);

/// <summary>The words and codes of an audit finding, shared by the MSBuild task and the CLI so both say the same thing.</summary>
public static class AuditReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>SSB4001-SSB4004 for low to critical; Unknown is reported with the code of <paramref name="unknownAs"/>.</summary>
    public static string Code(AdvisorySeverity severity, AdvisorySeverity unknownAs = AdvisorySeverity.High) => Effective(severity, unknownAs) switch
    {
        AdvisorySeverity.Low => Core.DiagnosticCodes.AdvisoryLow,
        AdvisorySeverity.Moderate => Core.DiagnosticCodes.AdvisoryModerate,
        AdvisorySeverity.High => Core.DiagnosticCodes.AdvisoryHigh,
        _ => Core.DiagnosticCodes.AdvisoryCritical,
    };

    /// <summary>The severity a finding counts as: its own, or <paramref name="unknownAs"/> when Unknown.</summary>
    public static AdvisorySeverity Effective(AdvisorySeverity severity, AdvisorySeverity unknownAs) =>
        severity == AdvisorySeverity.Unknown ? (unknownAs == AdvisorySeverity.Unknown ? AdvisorySeverity.High : unknownAs) : severity;

    /// <summary>"Package 'X' 1.2.3 has a critical advisory GHSA-…/CVE-… (CVSS 9.8): summary. Fixed in 1.2.5." plus the path of a transitive package.</summary>
    public static string Message(AuditFinding finding, AdvisorySeverity unknownAs = AdvisorySeverity.High)
    {
        var grade = finding.Severity == AdvisorySeverity.Unknown
            ? $"an advisory of unknown severity (treated as {Word(Effective(finding.Severity, unknownAs))})"
            : $"a {Word(finding.Severity)} advisory";
        var cvss = finding.CvssScore is { } score ? $" (CVSS {score.ToString("0.0", CultureInfo.InvariantCulture)})" : string.Empty;
        var summary = finding.Summary.TrimEnd('.');
        var fix = finding.FixedIn is null ? "No fixed version is published." : $"Fixed in {finding.FixedIn}.";
        var path = finding.IsDirect || finding.Path.Count < 2 ? string.Empty : $" It comes in transitively: {string.Join(" -> ", finding.Path)}.";
        return $"Package '{finding.PackageId}' {finding.PackageVersion} has {grade} {finding.DisplayId}{cvss}: {summary}. {fix}{path} {finding.Url}";
    }

    /// <summary>The lower-case word for a severity, as NuGet prints it.</summary>
    public static string Word(AdvisorySeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>
    /// The audit result as JSON (schema version 1): outcome, data used, notices, findings with their locations and
    /// suppressions. <c>complete</c> is true only for a complete audit on fresh data, with no notice at all.
    /// </summary>
    public static byte[] ToJson(AuditResult result, AdvisorySeverity unknownAs) =>
        Document(writer =>
        {
            var (findings, data, notices) = (result.Findings, result.Data, result.Notices);
            writer.WriteNumber("schemaVersion", 1);
            writer.WriteBoolean("complete", result.IsComplete && notices.Count == 0);
            writer.WriteString("outcome", result.OutcomeName);
            writer.WriteNumber("packages", result.PackageCount);
            writer.WriteStartArray("data");
            foreach (var d in data)
            {
                writer.WriteStartObject();
                writer.WriteString("source", d.Source);
                writer.WriteString("location", d.Location);
                if (d.Date is { } date)
                {
                    writer.WriteString("date", date);
                }

                writer.WriteNumber("records", d.Records);
                if (d.Attribution is not null)
                {
                    writer.WriteString("attribution", d.Attribution);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("notices");
            foreach (var n in notices)
            {
                writer.WriteStartObject();
                writer.WriteString("code", n.Code);
                writer.WriteString("level", n.IsError ? "error" : "warning");
                writer.WriteString("message", n.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("findings");
            foreach (var (f, file, line) in findings)
            {
                writer.WriteStartObject();
                writer.WriteString("code", Code(f.Severity, unknownAs));
                WriteFacts(writer, f);
                writer.WriteString("summary", f.Summary);

                if (f.Published is { } published)
                {
                    writer.WriteString("published", published);
                }

                if (!f.PublicationUnknown)
                {
                    writer.WriteString("modified", f.Modified);
                }
                writer.WriteString("url", f.Url);
                writer.WriteString("project", f.Project);
                WriteStrings(writer, "frameworks", f.Frameworks);
                writer.WriteBoolean("direct", f.IsDirect);
                WriteStrings(writer, "path", f.Path);
                writer.WriteString("file", file);
                writer.WriteNumber("line", line);
                if (f.Suppression is { } s)
                {
                    writer.WriteStartObject("suppression");
                    writer.WriteString("justification", s.Justification);
                    if (s.Until is { } until)
                    {
                        writer.WriteString("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }

                    writer.WriteBoolean("expired", s.IsExpired);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    /// <summary>
    /// The findings as SARIF 2.1.0; suppressed findings carry a SARIF suppression with the justification. The run's
    /// invocation says whether the audit completed (<c>executionSuccessful</c>) and carries every notice as a tool
    /// execution notification, so an audit that did not run is never read as an empty, successful one.
    /// </summary>
    public static byte[] ToSarif(AuditResult result, AdvisorySeverity unknownAs, AdvisorySeverity failLevel, string toolVersion) =>
        Document(writer =>
        {
            var findings = result.Findings;
            writer.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();
            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "Scalyz.SecureBuild");
            writer.WriteString("version", toolVersion);
            writer.WriteString("informationUri", "https://github.com/scalyz/securebuild");
            writer.WriteStartArray("rules");
            foreach (var code in findings.Select(f => Code(f.Finding.Severity, unknownAs)).Distinct().Order(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", code);
                writer.WriteString("helpUri", Core.DiagnosticCodes.HelpLink(code));
                writer.WriteStartObject("properties");
                writer.WriteString("category", Core.DiagnosticCodes.Categories.Advisories);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("invocations");
            writer.WriteStartObject();
            writer.WriteBoolean("executionSuccessful", result.IsComplete);
            writer.WriteStartArray("toolExecutionNotifications");
            var notifications = result.Shortfall is { } shortfall
                ? result.Notices.Append(new AdvisoryNotice(Core.DiagnosticCodes.AuditIncomplete, result.Outcome == AuditOutcome.NotRun, shortfall))
                : result.Notices;
            foreach (var notice in notifications)
            {
                writer.WriteStartObject();
                writer.WriteString("level", notice.IsError ? "error" : "warning");
                writer.WriteStartObject("message");
                writer.WriteString("text", notice.Message);
                writer.WriteEndObject();
                writer.WriteStartObject("descriptor");
                writer.WriteString("id", notice.Code);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("results");
            foreach (var (f, file, line) in findings)
            {
                writer.WriteStartObject();
                writer.WriteString("ruleId", Code(f.Severity, unknownAs));
                writer.WriteString("level", Effective(f.Severity, unknownAs) >= failLevel ? "error" : "warning");
                writer.WriteStartObject("message");
                writer.WriteString("text", Message(f, unknownAs));
                writer.WriteEndObject();
                writer.WriteStartArray("locations");
                writer.WriteStartObject();
                writer.WriteStartObject("physicalLocation");
                writer.WriteStartObject("artifactLocation");
                writer.WriteString("uri", new Uri(Path.GetFullPath(file)).AbsoluteUri);
                writer.WriteEndObject();
                if (line > 0)
                {
                    writer.WriteStartObject("region");
                    writer.WriteNumber("startLine", line);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteStartObject("partialFingerprints");
                writer.WriteString("advisoryPackageVersion/v1", $"{f.AdvisoryId}|{f.PackageId.ToLowerInvariant()}|{f.PackageVersion}");
                writer.WriteEndObject();
                if (f.IsSuppressed)
                {
                    writer.WriteStartArray("suppressions");
                    writer.WriteStartObject();
                    writer.WriteString("kind", "external");
                    writer.WriteString("justification", f.Suppression!.Justification);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }

                writer.WriteStartObject("properties");
                WriteFacts(writer, f);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    // One indented JSON object with a final newline; the body writes its members.
    private static byte[] Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // What identifies a finding, the same in audit.json and in SARIF result properties.
    private static void WriteFacts(Utf8JsonWriter writer, AuditFinding f)
    {
        writer.WriteString("advisory", f.AdvisoryId);
        WriteStrings(writer, "aliases", f.Aliases);
        writer.WriteString("package", f.PackageId);
        writer.WriteString("version", f.PackageVersion);
        writer.WriteString("severity", Word(f.Severity));
        if (f.CvssScore is { } score)
        {
            writer.WriteNumber("cvssScore", score);
            writer.WriteString("cvssVector", f.CvssVector);
        }

        if (f.FixedIn is not null)
        {
            writer.WriteString("fixedIn", f.FixedIn);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
