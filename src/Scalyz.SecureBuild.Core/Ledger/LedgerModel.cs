using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Ledger;

/// <summary>A finding as the ledger keeps it: what the audit saw last, plus when it was first and last seen and when it was fixed.</summary>
public sealed record LedgerFinding(SlaFinding Finding, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? FixedAt)
{
    /// <summary>The finding's identity.</summary>
    public FindingKey Key => Finding.Key;

    /// <summary>True while the finding has not been fixed.</summary>
    public bool IsOpen => FixedAt is null;
}

/// <summary>A release, recorded by the release gate; important findings are due by the first release after their clock start.</summary>
/// <param name="Version">The released version (for example 4.2).</param>
/// <param name="At">When it was released (UTC).</param>
/// <param name="Project">The project released, or null for a release of every project (the whole product).</param>
/// <param name="Actor">Who recorded it.</param>
public sealed record LedgerRelease(string Version, DateTimeOffset At, string? Project, string Actor);

/// <summary>
/// A residual-risk decision: the advisory is accepted (in one project and package, or everywhere when those are null)
/// by <paramref name="Actor"/> for <paramref name="Reason"/> until <paramref name="Until"/>; after that it is a breach again.
/// </summary>
public sealed record RiskAcceptance(
    string AdvisoryId,
    string? Project,
    string? PackageId,
    string Actor,
    string Reason,
    DateTimeOffset Until,
    DateTimeOffset At)
{
    /// <summary>True when the acceptance covers <paramref name="key"/>.</summary>
    public bool Covers(FindingKey key) =>
        string.Equals(AdvisoryId, key.AdvisoryId, StringComparison.OrdinalIgnoreCase)
        && (Project is null || string.Equals(Project, key.Project, StringComparison.Ordinal))
        && (PackageId is null || string.Equals(PackageId, key.PackageId, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the acceptance still holds at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => now < Until;
}

/// <summary>What changed in a history entry.</summary>
public enum HistoryKind
{
    /// <summary>A finding was seen for the first time.</summary>
    Opened,

    /// <summary>An open finding is now seen in another package version.</summary>
    VersionChanged,

    /// <summary>The advisory's severity changed.</summary>
    SeverityChanged,

    /// <summary>A finding was no longer seen in its project.</summary>
    Fixed,

    /// <summary>A fixed finding was seen again.</summary>
    Reopened,

    /// <summary>A release was recorded.</summary>
    ReleaseRecorded,

    /// <summary>A risk was accepted.</summary>
    RiskAccepted,

    /// <summary>A bypass (a suppressed rule, a switch turned off) was seen in a build for the first time, or again.</summary>
    BypassOpened,

    /// <summary>A bypass was no longer in the build.</summary>
    BypassGone,
}

/// <summary>One entry of the append-only history: what changed, when and by whom.</summary>
public sealed record HistoryEntry(
    DateTimeOffset At,
    string Actor,
    HistoryKind Kind,
    string? AdvisoryId,
    string? PackageId,
    string? Project,
    string Detail);

/// <summary>The whole ledger at one moment.</summary>
public sealed record LedgerSnapshot(
    IReadOnlyList<LedgerFinding> Findings,
    IReadOnlyList<LedgerRelease> Releases,
    IReadOnlyList<RiskAcceptance> Acceptances,
    IReadOnlyList<HistoryEntry> History)
{
    /// <summary>An empty ledger.</summary>
    public static LedgerSnapshot Empty { get; } = new([], [], [], []);

    /// <summary>The bypasses builds reported (src/docs/bypass.md), active and gone.</summary>
    public IReadOnlyList<Bypass.LedgerBypass> Bypasses { get; init; } = [];
}
