using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>
/// One advisory affecting one package of one project, as the patch policy needs it. The advisory audit produces its
/// own findings; mapping them to this record is the only seam between the audit and the deadline engine.
/// </summary>
/// <param name="AdvisoryId">The advisory's ID (for example a GHSA ID).</param>
/// <param name="Aliases">Other IDs of the same advisory (CVE, ...); may be empty.</param>
/// <param name="PackageId">The affected package.</param>
/// <param name="PackageVersion">The resolved version of the package.</param>
/// <param name="Project">The project (name) the package was found in.</param>
/// <param name="Severity">The advisory's severity.</param>
/// <param name="Published">When the advisory was published (UTC); null when no source knows (an advisory only a NuGet feed lists).</param>
/// <param name="FixedIn">The first version that fixes it, when the advisory names one.</param>
/// <param name="Summary">The advisory's one-line summary, when it has one.</param>
public sealed record SlaFinding(
    string AdvisoryId,
    IReadOnlyList<string> Aliases,
    string PackageId,
    string PackageVersion,
    string Project,
    AdvisorySeverity Severity,
    DateTimeOffset? Published,
    string? FixedIn,
    string? Summary)
{
    /// <summary>The identity of a finding across scans: advisory, package and project (not the version, so an upgrade that
    /// is still affected keeps its clock).</summary>
    public FindingKey Key => new(AdvisoryId, PackageId, Project);

    /// <summary>
    /// The deadline engine's view of an audit finding. The clock starts at publication; an OSV record without a publication
    /// date starts it at its last modification, the earliest time the advisory is known to have existed. An advisory that
    /// only a NuGet feed lists has neither: its publication stays unknown (the ledger's first-seen time starts its clock).
    /// </summary>
    /// <param name="finding">The audit's finding.</param>
    /// <param name="project">The project name the ledger files it under (the audit knows the project file's path).</param>
    public static SlaFinding FromAudit(AuditFinding finding, string project) => new(
        finding.AdvisoryId,
        finding.Aliases,
        finding.PackageId,
        finding.PackageVersion,
        project,
        finding.Severity,
        finding.Published ?? (finding.PublicationUnknown ? null : finding.Modified),
        finding.FixedIn,
        finding.Summary);
}

/// <summary>Identifies a finding in the ledger: one advisory in one package of one project.</summary>
public readonly record struct FindingKey(string AdvisoryId, string PackageId, string Project) : IComparable<FindingKey>
{
    /// <inheritdoc />
    public int CompareTo(FindingKey other)
    {
        var c = string.CompareOrdinal(Project, other.Project);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(AdvisoryId, other.AdvisoryId);
        return c != 0 ? c : string.CompareOrdinal(PackageId, other.PackageId);
    }

    public static bool operator <(FindingKey left, FindingKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(FindingKey left, FindingKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(FindingKey left, FindingKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(FindingKey left, FindingKey right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{AdvisoryId} in {PackageId} ({Project})";
}
