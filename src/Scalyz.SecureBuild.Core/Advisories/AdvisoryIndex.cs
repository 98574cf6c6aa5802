using NuGet.Versioning;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// NuGet advisories indexed by package id (case-insensitive), with every range's versions parsed once, so matching one
/// package version costs a dictionary lookup and a few comparisons. Withdrawn records are left out; when the same id
/// comes from several sources, the most recently modified copy wins.
/// </summary>
public sealed class AdvisoryIndex
{
    private readonly Dictionary<string, List<CompiledAffected>> _byPackage;

    private AdvisoryIndex(Dictionary<string, List<CompiledAffected>> byPackage, int recordCount, DateTimeOffset? newestModified)
    {
        _byPackage = byPackage;
        RecordCount = recordCount;
        NewestModified = newestModified;
    }

    /// <summary>How many (not withdrawn) records with a NuGet package the index holds.</summary>
    public int RecordCount { get; }

    /// <summary>How many distinct NuGet package ids the records cover.</summary>
    public int PackageCount => _byPackage.Count;

    /// <summary>The newest <c>modified</c> of the records: the date of the data.</summary>
    public DateTimeOffset? NewestModified { get; }

    /// <summary>An index over <paramref name="records"/> (any order, any number of sources).</summary>
    public static AdvisoryIndex Build(IEnumerable<OsvRecord> records)
    {
        var newest = new Dictionary<string, OsvRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            if (!newest.TryGetValue(record.Id, out var existing) || record.Modified > existing.Modified)
            {
                newest[record.Id] = record;
            }
        }

        var byPackage = new Dictionary<string, List<CompiledAffected>>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        DateTimeOffset? date = null;
        foreach (var record in newest.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            date = date is null || record.Modified > date ? record.Modified : date;
            if (record.Withdrawn is not null)
            {
                continue;
            }

            var any = false;
            foreach (var affected in record.Affected.Where(a => a.IsNuGet))
            {
                if (!byPackage.TryGetValue(affected.Name, out var list))
                {
                    byPackage[affected.Name] = list = [];
                }

                list.Add(new CompiledAffected(record, affected));
                any = true;
            }

            count += any ? 1 : 0;
        }

        return new AdvisoryIndex(byPackage, count, date);
    }

    /// <summary>True when some advisory names <paramref name="packageId"/> at all (whatever the version).</summary>
    public bool Covers(string packageId) => _byPackage.ContainsKey(packageId);

    /// <summary>The advisories affecting <paramref name="packageId"/> at <paramref name="version"/>, one per record.</summary>
    public IReadOnlyList<AdvisoryMatch> Match(string packageId, NuGetVersion version)
    {
        if (!_byPackage.TryGetValue(packageId, out var entries))
        {
            return [];
        }

        // Entries of one record are adjacent (Build adds them record by record), so a record is decided when the next starts.
        List<AdvisoryMatch>? result = null;
        for (var start = 0; start < entries.Count;)
        {
            var record = entries[start].Record!;
            var affected = false;
            NuGetVersion? fixedIn = null;
            var end = start;
            for (; end < entries.Count && ReferenceEquals(entries[end].Record, record); end++)
            {
                if (entries[end].Includes(version))
                {
                    affected = true;
                }
            }

            if (affected)
            {
                for (var i = start; i < end; i++)
                {
                    var next = entries[i].NextFix(version);
                    fixedIn = fixedIn is null || (next is not null && next < fixedIn) ? next ?? fixedIn : fixedIn;
                }

                (result ??= []).Add(new AdvisoryMatch(record, fixedIn?.ToNormalizedString()));
            }

            start = end;
        }

        return result ?? (IReadOnlyList<AdvisoryMatch>)[];
    }

    /// <summary>Whether <paramref name="version"/> is affected by one OSV affected entry (ECOSYSTEM ranges and the versions list).</summary>
    public static bool IsAffected(OsvAffected affected, NuGetVersion version) => new CompiledAffected(null, affected).Includes(version);

    private sealed class CompiledAffected
    {
        private readonly NuGetVersion[] _versions;
        private readonly (OsvEventKind Kind, NuGetVersion? Version)[][] _ranges;
        private readonly VersionRange? _nuGetRange;

        public CompiledAffected(OsvRecord? record, OsvAffected affected)
        {
            Record = record;
            _nuGetRange = affected.NuGetRange is null ? null : VersionRange.Parse(affected.NuGetRange);
            _versions = affected.Versions.Select(NuGetVersion.Parse).ToArray();
            _ranges = affected.Ranges
                .Where(r => string.Equals(r.Type, "ECOSYSTEM", StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Events
                    .Select(e => (e.Kind, Version: ParseBound(e)))
                    // OSV evaluates the events in version order; "introduced: 0" comes first and a "*" limit last. OrderBy is stable for ties.
                    .OrderBy(e => e.Version is null ? (e.Kind == OsvEventKind.Introduced ? 0 : 2) : 1)
                    .ThenBy(e => e.Version!, VersionComparer.Default)
                    .ToArray())
                .ToArray();
        }

        public OsvRecord? Record { get; }

        public bool Includes(NuGetVersion version)
        {
            // A NuGet feed's range decides alone; the OSV ranges beside it only say which version fixes it.
            if (_nuGetRange is not null)
            {
                return _nuGetRange.Satisfies(version);
            }

            foreach (var listed in _versions)
            {
                if (VersionComparer.Default.Equals(listed, version))
                {
                    return true;
                }
            }

            foreach (var events in _ranges)
            {
                if (BeforeLimits(events, version) && InRange(events, version))
                {
                    return true;
                }
            }

            return false;
        }

        // The lowest fixed version above the affected one: what to upgrade to.
        public NuGetVersion? NextFix(NuGetVersion version)
        {
            NuGetVersion? best = null;
            foreach (var events in _ranges)
            {
                foreach (var (kind, bound) in events)
                {
                    if (kind == OsvEventKind.Fixed && bound is not null && bound > version && (best is null || bound < best))
                    {
                        best = bound;
                    }
                }
            }

            return best;
        }

        private static NuGetVersion? ParseBound(OsvEvent e) =>
            (e.Kind == OsvEventKind.Introduced && e.Version == "0") || (e.Kind == OsvEventKind.Limit && e.Version == "*") ? null : NuGetVersion.Parse(e.Version);

        private static bool InRange((OsvEventKind Kind, NuGetVersion? Version)[] events, NuGetVersion version)
        {
            var affected = false;
            foreach (var (kind, bound) in events)
            {
                switch (kind)
                {
                    case OsvEventKind.Introduced when bound is null || version >= bound:
                        affected = true;
                        break;
                    case OsvEventKind.Fixed when version >= bound!:
                        affected = false;
                        break;
                    case OsvEventKind.LastAffected when version > bound!:
                        affected = false;
                        break;
                }
            }

            return affected;
        }

        private static bool BeforeLimits((OsvEventKind Kind, NuGetVersion? Version)[] events, NuGetVersion version)
        {
            var anyLimit = false;
            foreach (var (kind, bound) in events)
            {
                if (kind == OsvEventKind.Limit)
                {
                    anyLimit = true;
                    if (bound is null || version < bound)
                    {
                        return true;
                    }
                }
            }

            return !anyLimit;
        }
    }
}

/// <summary>One advisory record matching a package version, with the lowest fixed version above it (null: no fix published).</summary>
public sealed record AdvisoryMatch(OsvRecord Record, string? FixedIn);
