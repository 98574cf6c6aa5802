using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Sla;

/// <summary>Which findings a report shows; null or empty sets mean "all".</summary>
public sealed record SlaReportFilter(
    IReadOnlyCollection<string>? Projects = null,
    IReadOnlyCollection<AdvisorySeverity>? Severities = null,
    IReadOnlyCollection<DeadlineStatus>? Statuses = null);

/// <summary>Time to remediate of one severity's fixed findings.</summary>
public sealed record RemediationStats(AdvisorySeverity Severity, int Fixed, int FixedInTime, double MedianDays, double MeanDays, double MaxDays);

/// <summary>Open findings of one severity in one age bucket (age = time since the clock started).</summary>
public sealed record AgeBucketCount(AdvisorySeverity Severity, string Bucket, int Open, int Overdue);

/// <summary>
/// The security lead's view of the ledger at one moment: every finding with its deadline and status, time to
/// remediate per severity, the risk acceptances, and open/overdue counts by severity and age for the chart.
/// </summary>
public sealed record SlaReport(
    DateTimeOffset AsOf,
    string Ledger,
    IReadOnlyList<DeadlineResult> Findings,
    IReadOnlyList<RemediationStats> Remediation,
    IReadOnlyList<RiskAcceptance> Acceptances,
    IReadOnlyList<AgeBucketCount> Ages)
{
    /// <summary>The age buckets of the chart, youngest first.</summary>
    public static IReadOnlyList<string> Buckets { get; } = ["0-7 days", "8-30 days", "31-90 days", "over 90 days"];

    /// <summary>Severities from the most to the least severe.</summary>
    public static IReadOnlyList<AdvisorySeverity> SeverityOrder { get; } =
        [AdvisorySeverity.Critical, AdvisorySeverity.High, AdvisorySeverity.Moderate, AdvisorySeverity.Low, AdvisorySeverity.Unknown];

    /// <summary>The bypasses still in place (src/docs/bypass.md), justified or not, by project, file and line.</summary>
    public IReadOnlyList<Bypass.LedgerBypass> Bypasses { get; init; } = [];

    /// <summary>Number of shown findings with <paramref name="status"/>.</summary>
    public int Count(DeadlineStatus status) => Findings.Count(f => f.Status == status);

    /// <summary>Projects that have shown findings.</summary>
    public int ProjectCount => Findings.Select(f => f.Finding.Project).Distinct().Count();

    /// <summary>Builds the report of <paramref name="ledger"/> under <paramref name="policy"/> at the clock's time.</summary>
    public static SlaReport Build(LedgerSnapshot ledger, string ledgerDescription, PatchPolicy policy, TimeProvider clock, SlaReportFilter filter)
    {
        var evaluator = new DeadlineEvaluator(policy, clock);
        var now = clock.GetUtcNow();
        var inScope = evaluator.Evaluate(ledger)
            .Where(r => Empty(filter.Projects) || filter.Projects!.Contains(r.Finding.Project))
            .Where(r => Empty(filter.Severities) || filter.Severities!.Contains(r.Finding.Severity))
            .ToList();
        var shown = inScope.Where(r => Empty(filter.Statuses) || filter.Statuses!.Contains(r.Status))
            .OrderBy(r => Rank(r.Status))
            .ThenBy(r => r.Due)
            .ThenBy(r => r.Finding.Key)
            .ToList();

        var remediation = SeverityOrder
            .Select(s => (Severity: s, Fixed: inScope.Where(r => r.Status == DeadlineStatus.Fixed && r.Finding.Severity == s).ToList()))
            .Where(x => x.Fixed.Count > 0)
            .Select(x =>
            {
                var days = x.Fixed.Select(r => Math.Max(0, r.TimeToRemediate!.Value.TotalDays)).Order().ToList();
                var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
                return new RemediationStats(x.Severity, days.Count, x.Fixed.Count(r => r.FixedAt <= r.Due), Math.Round(median, 1), Math.Round(days.Average(), 1), Math.Round(days[^1], 1));
            })
            .ToList();

        var acceptances = ledger.Acceptances
            .Where(a => Empty(filter.Projects) || a.Project is null || filter.Projects!.Contains(a.Project))
            .OrderBy(a => a.Until).ThenBy(a => a.AdvisoryId, StringComparer.Ordinal).ThenBy(a => a.Project, StringComparer.Ordinal)
            .ToList();

        var open = inScope.Where(r => r.Status != DeadlineStatus.Fixed).ToList();
        var ages = SeverityOrder
            .SelectMany(s => Buckets.Select(b => (s, b)))
            .Select(x =>
            {
                var cell = open.Where(r => r.Finding.Severity == x.s && BucketOf(now - r.ClockStart) == x.b).ToList();
                return new AgeBucketCount(x.s, x.b, cell.Count, cell.Count(r => r.Status == DeadlineStatus.Breached));
            })
            .ToList();

        var bypasses = ledger.Bypasses
            .Where(b => b.IsActive && (Empty(filter.Projects) || filter.Projects!.Contains(b.Project)))
            .OrderBy(b => b.Project, StringComparer.Ordinal).ThenBy(b => b.Item.File, StringComparer.Ordinal).ThenBy(b => b.Item.Line)
            .ThenBy(b => b.Item.Kind, StringComparer.Ordinal).ThenBy(b => b.Item.Target, StringComparer.Ordinal)
            .ToList();
        return new SlaReport(now, ledgerDescription, shown, remediation, acceptances, ages) { Bypasses = bypasses };
    }

    private static bool Empty<T>(IReadOnlyCollection<T>? set) => set is null || set.Count == 0;

    private static int Rank(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Breached => 0,
        DeadlineStatus.DueSoon => 1,
        DeadlineStatus.Ok => 2,
        DeadlineStatus.Accepted => 3,
        _ => 4,
    };

    private static string BucketOf(TimeSpan age) => age.TotalDays switch
    {
        <= 7 => Buckets[0],
        <= 30 => Buckets[1],
        <= 90 => Buckets[2],
        _ => Buckets[3],
    };
}
