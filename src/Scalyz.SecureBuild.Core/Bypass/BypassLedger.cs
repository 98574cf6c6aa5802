using Scalyz.SecureBuild.Core.Ledger;

namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>
/// A bypass as the ledger keeps it, like a finding: what the build saw last, when it was first and last seen and when it
/// was gone. Its identity is the project, kind, target and file plus its place among the same ones in that file
/// (<paramref name="Ordinal"/>), so a pragma that moves down a few lines stays the same bypass.
/// </summary>
public sealed record LedgerBypass(string Project, int Ordinal, BypassItem Item, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? GoneAt)
{
    /// <summary>The identity: project, kind, target, file ("" when unknown) and ordinal.</summary>
    public (string Project, string Kind, string Target, string File, int Ordinal) Key => (Project, Item.Kind, Item.Target, Item.File ?? string.Empty, Ordinal);

    /// <summary>True while the bypass is still in place.</summary>
    public bool IsActive => GoneAt is null;

    /// <summary>How long it has been in place at <paramref name="now"/> (until it was gone, if it is).</summary>
    public TimeSpan InPlace(DateTimeOffset now) => (GoneAt ?? now) - FirstSeen;
}

/// <summary>The one place that decides how a build's bypasses change the ledger, so every store records the same.</summary>
public static class BypassMerge
{
    /// <summary>Numbers <paramref name="items"/>: the ordinal of each among the items of the same kind, target and file, by line.</summary>
    public static IReadOnlyList<(int Ordinal, BypassItem Item)> Number(IEnumerable<BypassItem> items) =>
        items.GroupBy(i => (i.Kind, i.Target, File: i.File ?? string.Empty))
            .SelectMany(g => g.OrderBy(i => i.Line).Select((item, index) => (index, item)))
            .ToList();

    /// <summary>Merges the complete bypasses of <paramref name="project"/> seen at <paramref name="now"/> into the project's <paramref name="existing"/> ones.</summary>
    /// <returns>The changed or new records and the history entries to append, in a stable order.</returns>
    public static (IReadOnlyList<LedgerBypass> Upserts, IReadOnlyList<HistoryEntry> History) Merge(
        string project, IReadOnlyList<LedgerBypass> existing, IReadOnlyList<BypassItem> items, DateTimeOffset now, string actor)
    {
        var byKey = existing.Where(b => b.Project == project).ToDictionary(b => b.Key);
        var upserts = new List<LedgerBypass>();
        var history = new List<HistoryEntry>();
        var seen = new HashSet<(string, string, string, string, int)>();
        foreach (var (ordinal, item) in Number(items))
        {
            var record = new LedgerBypass(project, ordinal, item, now, now, null);
            if (!seen.Add(record.Key))
            {
                continue;
            }

            if (!byKey.TryGetValue(record.Key, out var old))
            {
                upserts.Add(record);
                history.Add(Entry(HistoryKind.BypassOpened, record, $"{Describe(item)} at {item.Location}"));
                continue;
            }

            if (!old.IsActive)
            {
                history.Add(Entry(HistoryKind.BypassOpened, record, $"{Describe(item)} at {item.Location} again after it was gone on {ScanMerge.Iso(old.GoneAt!.Value)}"));
                upserts.Add(record);
                continue;
            }

            upserts.Add(old with { Item = item, LastSeen = now });
        }

        foreach (var gone in byKey.Values.Where(b => b.IsActive && !seen.Contains(b.Key)).OrderBy(b => b.Key))
        {
            upserts.Add(gone with { GoneAt = now });
            history.Add(Entry(HistoryKind.BypassGone, gone, $"{Describe(gone.Item)} at {gone.Item.Location} no longer in the build"));
        }

        return (upserts, history);

        HistoryEntry Entry(HistoryKind kind, LedgerBypass b, string detail) => new(now, actor, kind, null, null, b.Project, detail);
    }

    /// <summary>"pragma SSB2001 (unjustified)": the short form of a bypass for history and messages.</summary>
    public static string Describe(BypassItem item) => $"{item.Kind} {item.Target} ({(item.Justified ? "justified" : "unjustified")})";
}
