using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Ledger;

/// <summary>
/// The one place that decides how an audit result changes a project's findings, so every store records the same
/// states and history.
/// </summary>
public static class ScanMerge
{
    /// <summary>
    /// Merges <paramref name="scanned"/> (the complete audit of <paramref name="project"/> at <paramref name="now"/>) into
    /// the project's <paramref name="existing"/> findings.
    /// </summary>
    /// <returns>The changed or new findings and the history entries to append, in a stable order.</returns>
    public static (IReadOnlyList<LedgerFinding> Upserts, IReadOnlyList<HistoryEntry> History) Merge(
        string project, IReadOnlyList<LedgerFinding> existing, IReadOnlyList<SlaFinding> scanned, DateTimeOffset now, string actor)
    {
        var byKey = existing.Where(f => f.Finding.Project == project).ToDictionary(f => f.Key);
        var upserts = new List<LedgerFinding>();
        var history = new List<HistoryEntry>();
        var seen = new HashSet<FindingKey>();
        foreach (var finding in scanned.Where(f => f.Project == project).OrderBy(f => f.Key))
        {
            if (!seen.Add(finding.Key))
            {
                continue;
            }

            if (!byKey.TryGetValue(finding.Key, out var old))
            {
                upserts.Add(new LedgerFinding(finding, now, now, null));
                history.Add(Entry(HistoryKind.Opened, finding.Key, $"{finding.PackageId} {finding.PackageVersion} ({finding.Severity.ToString().ToUpperInvariant()})"));
                continue;
            }

            if (!old.IsOpen)
            {
                history.Add(Entry(HistoryKind.Reopened, finding.Key, $"{finding.PackageId} {finding.PackageVersion} seen again after the fix of {Iso(old.FixedAt!.Value)}"));
            }

            if (old.Finding.PackageVersion != finding.PackageVersion)
            {
                history.Add(Entry(HistoryKind.VersionChanged, finding.Key, $"{old.Finding.PackageVersion} -> {finding.PackageVersion}"));
            }

            if (old.Finding.Severity != finding.Severity)
            {
                history.Add(Entry(HistoryKind.SeverityChanged, finding.Key, $"{old.Finding.Severity.ToString().ToUpperInvariant()} -> {finding.Severity.ToString().ToUpperInvariant()}"));
            }

            upserts.Add(old with { Finding = finding, LastSeen = now, FixedAt = null });
        }

        foreach (var gone in byKey.Values.Where(f => f.IsOpen && !seen.Contains(f.Key)).OrderBy(f => f.Key))
        {
            upserts.Add(gone with { FixedAt = now });
            history.Add(Entry(HistoryKind.Fixed, gone.Key, $"{gone.Finding.PackageId} {gone.Finding.PackageVersion} no longer affected"));
        }

        return (upserts, history);

        HistoryEntry Entry(HistoryKind kind, FindingKey key, string detail) => new(now, actor, kind, key.AdvisoryId, key.PackageId, key.Project, detail);
    }

    /// <summary>The history entry of a recorded release.</summary>
    public static HistoryEntry ReleaseEntry(LedgerRelease release) =>
        new(release.At, release.Actor, HistoryKind.ReleaseRecorded, null, null, release.Project, $"release {release.Version}");

    /// <summary>The history entry of a risk acceptance.</summary>
    public static HistoryEntry AcceptanceEntry(RiskAcceptance acceptance) =>
        new(acceptance.At, acceptance.Actor, HistoryKind.RiskAccepted, acceptance.AdvisoryId, acceptance.PackageId, acceptance.Project,
            $"accepted until {Iso(acceptance.Until)}: {acceptance.Reason}");

    /// <summary>ISO 8601 UTC, to the second: the one date format of the ledger and the reports.</summary>
    public static string Iso(DateTimeOffset time) => IO.IsoTime.Format(time);
}
