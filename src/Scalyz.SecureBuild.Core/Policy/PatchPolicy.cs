using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>The remediation classes of the patch policy.</summary>
public enum PolicyClass
{
    /// <summary>Fixed immediately (hotfix).</summary>
    Critical,

    /// <summary>Fixed in the next release cycle.</summary>
    Important,

    /// <summary>Fixed within a number of days (two weeks by default).</summary>
    Minor,
}

/// <summary>When a finding's deadline clock starts.</summary>
public enum ClockStart
{
    /// <summary>At the advisory's publication: stateless, the same answer on every machine.</summary>
    Publication,

    /// <summary>At the first time the finding was seen in the project, as recorded in the ledger.</summary>
    FirstSeen,
}

/// <summary>The deadline of one policy class.</summary>
/// <param name="Days">Days after the clock start. With <paramref name="NextRelease"/>, the fallback used when no release
/// comes sooner; null there means "only the next release".</param>
/// <param name="NextRelease">The finding is due by the first release recorded after the clock start.</param>
public sealed record ClassDeadline(int? Days, bool NextRelease = false);

/// <summary>
/// The patch policy: which class each severity falls in, the deadline of each class, when the clock starts and how early
/// to warn. <see cref="Default"/> holds the company's numbers; <see cref="PolicyFile"/> reads a team's own.
/// </summary>
public sealed record PatchPolicy(
    IReadOnlyDictionary<AdvisorySeverity, PolicyClass> Classes,
    IReadOnlyDictionary<PolicyClass, ClassDeadline> Deadlines,
    ClockStart ClockStart,
    int WarningDays)
{
    /// <summary>Critical: 0 days; important: the next release, else 30 days; minor: 14 days; unknown like high; warn 3 days ahead.</summary>
    public static PatchPolicy Default { get; } = new(
        new Dictionary<AdvisorySeverity, PolicyClass>
        {
            [AdvisorySeverity.Critical] = PolicyClass.Critical,
            [AdvisorySeverity.High] = PolicyClass.Important,
            [AdvisorySeverity.Moderate] = PolicyClass.Minor,
            [AdvisorySeverity.Low] = PolicyClass.Minor,
            [AdvisorySeverity.Unknown] = PolicyClass.Important,
        },
        new Dictionary<PolicyClass, ClassDeadline>
        {
            [PolicyClass.Critical] = new(0),
            [PolicyClass.Important] = new(30, NextRelease: true),
            [PolicyClass.Minor] = new(14),
        },
        ClockStart.Publication,
        WarningDays: 3);

    /// <summary>The class of an advisory severity.</summary>
    public PolicyClass ClassOf(AdvisorySeverity severity) => Classes[severity];
}
