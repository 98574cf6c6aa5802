namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// One OSV advisory record (https://ossf.github.io/osv-schema/), reduced to what the audit needs. Fields the audit does
/// not use are not kept, so a newer schema version with extra fields still reads.
/// </summary>
/// <param name="Id">The advisory id (GHSA-..., CVE-..., ...).</param>
/// <param name="Modified">When the record last changed; decides which copy wins when sources overlap.</param>
/// <param name="Published">When it was published, when the record says.</param>
/// <param name="Withdrawn">When it was withdrawn; withdrawn records never match.</param>
/// <param name="Aliases">Other ids of the same vulnerability (CVE-..., GHSA-...).</param>
/// <param name="Summary">The one-line summary, or the start of the details when there is no summary.</param>
/// <param name="Severity">The CVSS vectors given in the record's severity array.</param>
/// <param name="GitHubSeverity">database_specific.severity (LOW, MODERATE, HIGH, CRITICAL), when present.</param>
/// <param name="Affected">The affected packages with their ranges and version lists.</param>
public sealed record OsvRecord(
    string Id,
    DateTimeOffset Modified,
    DateTimeOffset? Published,
    DateTimeOffset? Withdrawn,
    IReadOnlyList<string> Aliases,
    string Summary,
    IReadOnlyList<OsvSeverity> Severity,
    string? GitHubSeverity,
    IReadOnlyList<OsvAffected> Affected)
{
    /// <summary>The id and every alias: two records sharing any of these describe the same vulnerability.</summary>
    public IEnumerable<string> Identities => Aliases.Prepend(Id);
}

/// <summary>One entry of a record's severity array, e.g. type CVSS_V3 with a CVSS vector as score.</summary>
public sealed record OsvSeverity(string Type, string Score);

/// <summary>One affected package: its ecosystem and name, and the versions affected.</summary>
/// <param name="Ecosystem">The OSV ecosystem (NuGet, npm, ...).</param>
/// <param name="Name">The package name as the record spells it.</param>
/// <param name="Ranges">The ranges; only ECOSYSTEM ranges are evaluated for NuGet.</param>
/// <param name="Versions">Versions listed explicitly as affected.</param>
/// <param name="NuGetRange">
/// The vulnerable versions as a NuGet feed's VulnerabilityInfo lists them (a NuGet version range), for an advisory read
/// by the <c>nuget</c> source; when set it alone decides which versions are affected, and the OSV ranges only give the fix.
/// </param>
public sealed record OsvAffected(string Ecosystem, string Name, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions, string? NuGetRange = null)
{
    /// <summary>True for a NuGet package (OSV spells the ecosystem "NuGet").</summary>
    public bool IsNuGet => string.Equals(Ecosystem, "NuGet", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An OSV range: its type (ECOSYSTEM, SEMVER, GIT) and its events in the order the record gives them.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);

/// <summary>The kind of an OSV range event.</summary>
public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>One range event: the version at which something starts (introduced) or stops (fixed, last_affected, limit).</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version);
