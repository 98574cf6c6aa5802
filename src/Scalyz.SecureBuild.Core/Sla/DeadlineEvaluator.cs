using System.Globalization;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Sla;

/// <summary>Where a finding stands against its deadline.</summary>
public enum DeadlineStatus
{
    /// <summary>Open, due later than the warning lead time.</summary>
    Ok,

    /// <summary>Open, due within the warning lead time (SSB5002).</summary>
    DueSoon,

    /// <summary>Open past its deadline (SSB5001).</summary>
    Breached,

    /// <summary>Open, but covered by a risk acceptance that has not expired.</summary>
    Accepted,

    /// <summary>Fixed.</summary>
    Fixed,
}

/// <summary>A finding's deadline and status at one moment.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Class">Its policy class.</param>
/// <param name="ClockStart">When its clock started.</param>
/// <param name="Due">When it is (or was) due.</param>
/// <param name="DueRelease">The release it is due by, when the deadline is a recorded release.</param>
/// <param name="Status">Its status.</param>
/// <param name="Acceptance">The acceptance that covers it (active, or the last expired one).</param>
/// <param name="FixedAt">When it was fixed, for fixed findings.</param>
/// <param name="Now">The moment of the evaluation.</param>
public sealed record DeadlineResult(
    SlaFinding Finding,
    PolicyClass Class,
    DateTimeOffset ClockStart,
    DateTimeOffset Due,
    string? DueRelease,
    DeadlineStatus Status,
    RiskAcceptance? Acceptance,
    DateTimeOffset? FixedAt,
    DateTimeOffset Now)
{
    /// <summary>
    /// True when the clock start is unknown: the advisory has no publication date and no ledger records when the finding
    /// was first seen. No deadline is computed then (the status stays Ok) and <see cref="Message"/> says why.
    /// </summary>
    public bool ClockStartUnknown { get; init; }

    /// <summary>Whole days past the deadline (0 when not overdue, or overdue by less than a day).</summary>
    public int DaysOverdue => Now > Due ? (int)Math.Floor((Now - Due).TotalDays) : 0;

    /// <summary>Whole days left before the deadline (0 when due within a day or overdue).</summary>
    public int DaysLeft => Due > Now ? (int)Math.Floor((Due - Now).TotalDays) : 0;

    /// <summary>Time from clock start to fix, for fixed findings.</summary>
    public TimeSpan? TimeToRemediate => FixedAt - ClockStart;

    /// <summary>True when the deadline is the next release and none has been recorded yet (no fallback days).</summary>
    public bool AwaitsRelease => Due == DateTimeOffset.MaxValue;

    /// <summary>The deadline as people read it: "release 4.2 / 2026-12-01", "2026-12-01" or "the next release".</summary>
    public string DueText => AwaitsRelease ? "the next release" : DueRelease is null ? Date(Due) : $"release {DueRelease} / {Date(Due)}";

    /// <summary>The diagnostic message: SSB5001's and SSB5002's text without the code.</summary>
    public string Message
    {
        get
        {
            var subject = $"{Finding.AdvisoryId} in {Finding.PackageId} {Finding.PackageVersion} ({Finding.Severity.ToString().ToUpperInvariant()})";
            var fix = Finding.FixedIn is null ? string.Empty : $"; upgrade to {Finding.FixedIn} or later";
            if (ClockStartUnknown && Status == DeadlineStatus.Ok)
            {
                return $"{subject} has no known publication date and no ledger records when it was first seen, so its patch clock start is unknown and no {Class} deadline is computed; set SecureBuildLedgerFile so the deadline counts from first-seen, or add an advisory source with OSV data for it{fix}";
            }

            return Status switch
            {
                DeadlineStatus.Breached => $"{subject} was due by {DueText} and is {Days(DaysOverdue, "overdue")}{fix}",
                DeadlineStatus.DueSoon => $"{subject} is due by {DueText}, {(DaysLeft == 0 ? "in less than a day" : $"due in {Plural(DaysLeft)}")}{fix}",
                DeadlineStatus.Accepted => $"{subject} was due by {DueText}; risk accepted by {Acceptance!.Actor} until {Date(Acceptance.Until)}: {Acceptance.Reason}",
                DeadlineStatus.Fixed => $"{subject} was fixed on {Date(FixedAt!.Value)}",
                _ => $"{subject} is due by {DueText}",
            };
        }
    }

    private static string Days(int days, string what) => days == 0 ? $"less than a day {what}" : $"{Plural(days)} {what}";

    private static string Plural(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Applies a <see cref="PatchPolicy"/> to findings: the due date or due release of each, whether it is breached, due soon
/// or fine, and whether an unexpired risk acceptance covers it. The clock is injected so tests and reports can fix "now".
/// </summary>
public sealed class DeadlineEvaluator(PatchPolicy policy, TimeProvider clock)
{
    /// <summary>The policy applied.</summary>
    public PatchPolicy Policy => policy;

    /// <summary>Evaluates a finding at the clock's current time.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="firstSeen">When the ledger first saw it in its project (null: never recorded, so now).</param>
    /// <param name="releases">Recorded releases (any order).</param>
    /// <param name="acceptances">Recorded risk acceptances (any order).</param>
    /// <param name="fixedAt">When it was fixed, for a fixed finding.</param>
    public DeadlineResult Evaluate(
        SlaFinding finding,
        DateTimeOffset? firstSeen,
        IReadOnlyList<LedgerRelease> releases,
        IReadOnlyList<RiskAcceptance> acceptances,
        DateTimeOffset? fixedAt = null)
    {
        var now = clock.GetUtcNow();
        var policyClass = policy.ClassOf(finding.Severity);
        // Publication clock: an advisory without a publication date (only a NuGet feed lists it) starts at first-seen; with
        // no ledger either, the start is unknown and no deadline is made up (the result says so, see ClockStartUnknown).
        var known = policy.ClockStart == ClockStart.Publication ? finding.Published ?? firstSeen : firstSeen ?? now;
        var start = known ?? now;
        var deadline = policy.Deadlines[policyClass];
        var due = deadline.Days is { } days ? start.AddDays(days) : DateTimeOffset.MaxValue;
        string? dueRelease = null;
        if (deadline.NextRelease)
        {
            var next = releases
                .Where(r => r.At > start && (r.Project is null || r.Project == finding.Project))
                .OrderBy(r => r.At)
                .FirstOrDefault();
            if (next is not null && next.At <= due)
            {
                due = next.At;
                dueRelease = next.Version;
            }
        }

        var covering = acceptances.Where(a => a.Covers(finding.Key)).OrderByDescending(a => a.Until).FirstOrDefault();
        DeadlineStatus status;
        if (fixedAt is not null)
        {
            status = DeadlineStatus.Fixed;
        }
        else if (covering is not null && covering.IsActiveAt(now))
        {
            status = DeadlineStatus.Accepted;
        }
        else if (known is null)
        {
            status = DeadlineStatus.Ok;
        }
        else if (now > due)
        {
            status = DeadlineStatus.Breached;
        }
        else if (due - now <= TimeSpan.FromDays(policy.WarningDays))
        {
            status = DeadlineStatus.DueSoon;
        }
        else
        {
            status = DeadlineStatus.Ok;
        }

        return new DeadlineResult(finding, policyClass, start, due, dueRelease, status, covering, fixedAt, now) { ClockStartUnknown = known is null };
    }

    /// <summary>Evaluates every finding of <paramref name="ledger"/> (open and fixed), sorted by project, advisory and package.</summary>
    public IReadOnlyList<DeadlineResult> Evaluate(LedgerSnapshot ledger) =>
        ledger.Findings
            .OrderBy(f => f.Key)
            .Select(f => Evaluate(f.Finding, f.FirstSeen, ledger.Releases, ledger.Acceptances, f.FixedAt))
            .ToList();
}
