using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// Applies the team's suppressions (<c>SecureBuildSuppress</c> items) to findings. A suppression names an advisory id
/// or alias, must say why, and may end on a date; after that date it is expired and the finding counts again.
/// </summary>
public static class AuditSuppressions
{
    /// <summary>Checks and builds one suppression; a missing justification or a bad date is SSB0205 at <paramref name="where"/>.</summary>
    public static AuditSuppression Create(string advisoryId, string? justification, string? until, DateOnly today, string where)
    {
        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new InputFileException(DiagnosticCodes.AuditConfigurationInvalid, where,
                $"The suppression of '{advisoryId}' has no Justification: say why the risk is accepted (Justification=\"...\").");
        }

        DateOnly? end = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            end = DateOnly.TryParseExact(until.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new InputFileException(DiagnosticCodes.AuditConfigurationInvalid, where, $"The suppression of '{advisoryId}' has Until=\"{until}\", which is not a date in the form yyyy-MM-dd.");
        }

        return new AuditSuppression(advisoryId.Trim(), justification.Trim(), end, end is { } e && e < today);
    }

    /// <summary>
    /// The SecureBuildSuppress items written literally in a project file (the CLI reads them without evaluating MSBuild;
    /// items built from properties or conditions are only seen by the build).
    /// </summary>
    public static IReadOnlyList<AuditSuppression> ReadFromProject(string projectFile, DateOnly today)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(projectFile, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(DiagnosticCodes.InputNotFound, projectFile, $"The project file '{projectFile}' cannot be read: {e.Message}", inner: e);
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "SecureBuildSuppress" && e.Attribute("Include") is not null)
            .Select(e => Create(
                (string)e.Attribute("Include")!,
                (string?)e.Attribute("Justification") ?? e.Elements().FirstOrDefault(c => c.Name.LocalName == "Justification")?.Value,
                (string?)e.Attribute("Until") ?? e.Elements().FirstOrDefault(c => c.Name.LocalName == "Until")?.Value,
                today,
                projectFile))
            .ToList();
    }

    /// <summary>Attaches to each finding the suppression naming its id or one of its aliases (a live one before an expired one).</summary>
    public static IReadOnlyList<AuditFinding> Apply(IReadOnlyList<AuditFinding> findings, IReadOnlyList<AuditSuppression> suppressions) =>
        findings.Select(f =>
        {
            var match = suppressions
                .Where(s => string.Equals(s.AdvisoryId, f.AdvisoryId, StringComparison.OrdinalIgnoreCase) || f.Aliases.Contains(s.AdvisoryId, StringComparer.OrdinalIgnoreCase))
                .OrderBy(s => s.IsExpired)
                .FirstOrDefault();
            return match is null ? f : f with { Suppression = match };
        }).ToList();
}
