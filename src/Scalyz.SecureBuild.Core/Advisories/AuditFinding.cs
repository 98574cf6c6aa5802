namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// One advisory affecting one resolved package version of one project: the audit's result, self-contained so a report,
/// the MSBuild task, the CLI or the patch policy can use it without the OSV record.
/// </summary>
/// <param name="AdvisoryId">The advisory id (a GHSA id for GitHub records).</param>
/// <param name="Aliases">The other ids of the same vulnerability (CVE-..., duplicate GHSA ids), sorted.</param>
/// <param name="PackageId">The package id as restore resolved it.</param>
/// <param name="PackageVersion">The resolved version.</param>
/// <param name="Severity">The advisory's severity (GitHub's grade, else the CVSS v3 rating, else Unknown).</param>
/// <param name="CvssScore">The CVSS v3 base score, when the record has a vector.</param>
/// <param name="CvssVector">That vector.</param>
/// <param name="Summary">The advisory's one-line summary.</param>
/// <param name="FixedIn">The lowest fixed version above the resolved one, or null when no fix is published.</param>
/// <param name="Published">When the advisory was published (the patch clock's default start).</param>
/// <param name="Modified">When the advisory last changed.</param>
/// <param name="Project">The full path of the project file.</param>
/// <param name="Frameworks">The target frameworks whose graph holds this package version.</param>
/// <param name="IsDirect">True when the project references the package itself.</param>
/// <param name="Path">From a direct package to this one ("A 1.0.0", "B 2.0.0", ...); just this package when direct.</param>
/// <param name="Suppression">The justified suppression covering the finding, or null.</param>
public sealed record AuditFinding(
    string AdvisoryId,
    IReadOnlyList<string> Aliases,
    string PackageId,
    string PackageVersion,
    AdvisorySeverity Severity,
    double? CvssScore,
    string? CvssVector,
    string Summary,
    string? FixedIn,
    DateTimeOffset? Published,
    DateTimeOffset Modified,
    string Project,
    IReadOnlyList<string> Frameworks,
    bool IsDirect,
    IReadOnlyList<string> Path,
    AuditSuppression? Suppression = null)
{
    /// <summary>A link to the advisory.</summary>
    public string Url => AdvisoryId.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase)
        ? $"https://github.com/advisories/{AdvisoryId}"
        : $"https://osv.dev/vulnerability/{AdvisoryId}";

    /// <summary>The id with its CVE aliases, as printed: "GHSA-rxg9-xrhp-64gj/CVE-2021-24112".</summary>
    public string DisplayId => string.Join('/', Aliases.Where(a => a.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase)).Prepend(AdvisoryId));

    /// <summary>
    /// True when no source gave a publication date and <see cref="Modified"/> is only when the data was read (an advisory
    /// only a NuGet feed lists, see <see cref="NuGetVulnerabilityFeed"/>): the patch clock cannot start at publication.
    /// </summary>
    public bool PublicationUnknown => Published is null && Modified == DateTimeOffset.MinValue;

    /// <summary>True when a suppression that has not expired covers the finding.</summary>
    public bool IsSuppressed => Suppression is { IsExpired: false };
}

/// <summary>A team's decision to accept a finding: which advisory, why, and until when.</summary>
/// <param name="AdvisoryId">The advisory id or one of its aliases.</param>
/// <param name="Justification">Why the risk is accepted (mandatory).</param>
/// <param name="Until">The last day the suppression holds, or null for no expiry.</param>
/// <param name="IsExpired">True when <paramref name="Until"/> has passed: the finding is reported again.</param>
public sealed record AuditSuppression(string AdvisoryId, string Justification, DateOnly? Until, bool IsExpired);
