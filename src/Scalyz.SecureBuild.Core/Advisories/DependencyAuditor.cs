using NuGet.Versioning;
using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>Which packages the audit checks, as NuGetAuditMode: every resolved package, or only direct references.</summary>
public enum AuditMode
{
    All,
    Direct,
}

/// <summary>One package version to audit, with where it was found.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="IsDirect">True for a direct reference.</param>
/// <param name="Path">From a direct package to this one; just this package when direct or unknown.</param>
/// <param name="Frameworks">The target frameworks it was resolved for (empty when unknown, e.g. from an SBOM).</param>
public sealed record AuditedPackage(string Id, string Version, bool IsDirect, IReadOnlyList<string> Path, IReadOnlyList<string> Frameworks);

/// <summary>Checks resolved packages against an <see cref="AdvisoryIndex"/> and turns matches into findings.</summary>
public static class DependencyAuditor
{
    /// <summary>
    /// The packages of <paramref name="graph"/> to audit: one entry per distinct id and version over all targets, with the
    /// shortest path from a direct reference (so a transitive finding can be reported at the line that brings it in).
    /// </summary>
    public static IReadOnlyList<AuditedPackage> PackagesOf(DependencyGraph graph, AuditMode mode)
    {
        var result = new Dictionary<(string, string), AuditedPackage>();
        foreach (var target in graph.Targets)
        {
            var packages = target.Dependencies.Where(d => d.Kind == DependencyKind.Package).ToList();
            var paths = ShortestPaths(packages);
            foreach (var package in packages)
            {
                if (mode == AuditMode.Direct && !package.IsDirect)
                {
                    continue;
                }

                var key = (package.Id.ToUpperInvariant(), package.Version);
                var path = paths.TryGetValue(package.Id, out var p) ? p : [$"{package.Id} {package.Version}"];
                if (result.TryGetValue(key, out var existing))
                {
                    result[key] = existing with
                    {
                        IsDirect = existing.IsDirect || package.IsDirect,
                        Path = existing.IsDirect || existing.Path.Count <= path.Count ? existing.Path : path,
                        Frameworks = [.. existing.Frameworks, target.Name],
                    };
                }
                else
                {
                    result[key] = new AuditedPackage(package.Id, package.Version, package.IsDirect, path, [target.Name]);
                }
            }
        }

        return result.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version, StringComparer.Ordinal).ToList();
    }

    /// <summary>Audits <paramref name="packages"/> of <paramref name="project"/>; findings are sorted by severity (highest first), package and advisory.</summary>
    public static IReadOnlyList<AuditFinding> Audit(string project, IEnumerable<AuditedPackage> packages, AdvisoryIndex index)
    {
        var findings = new List<AuditFinding>();
        foreach (var package in packages)
        {
            if (!index.Covers(package.Id) || !NuGetVersion.TryParse(package.Version, out var version))
            {
                continue;
            }

            foreach (var group in MergeAliases(index.Match(package.Id, version)))
            {
                var primary = group[0];
                var score = AdvisoryScore.Of(primary.Record);
                var aliases = group.SelectMany(m => m.Record.Identities)
                    .Where(i => !string.Equals(i, primary.Record.Id, StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var fixedIn = group.Select(m => m.FixedIn).Where(f => f is not null).Select(f => NuGetVersion.Parse(f!)).Max();
                findings.Add(new AuditFinding(
                    primary.Record.Id, aliases, package.Id, package.Version, score.Severity, score.CvssScore, score.CvssVector,
                    primary.Record.Summary, fixedIn?.ToNormalizedString(), primary.Record.Published, primary.Record.Modified,
                    project, package.Frameworks, package.IsDirect, package.Path));
            }
        }

        return findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.PackageId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.PackageVersion, StringComparer.Ordinal)
            .ThenBy(f => f.AdvisoryId, StringComparer.Ordinal)
            .ToList();
    }

    // Records that share an id or alias (a GHSA and its duplicate, or the same CVE from two databases) are one finding;
    // the highest-graded record speaks for the group, a GitHub (GHSA) id before others as NuGet shows those, then the newest.
    private static List<List<AdvisoryMatch>> MergeAliases(IReadOnlyList<AdvisoryMatch> matches)
    {
        if (matches.Count <= 1)
        {
            return matches.Count == 0 ? [] : [[matches[0]]];
        }

        var groups = new List<(HashSet<string> Ids, List<AdvisoryMatch> Members)>();
        foreach (var match in matches)
        {
            var ids = new HashSet<string>(match.Record.Identities, StringComparer.OrdinalIgnoreCase);
            var overlapping = groups.Where(g => g.Ids.Overlaps(ids)).ToList();
            var merged = (Ids: ids, Members: new List<AdvisoryMatch> { match });
            foreach (var group in overlapping)
            {
                merged.Ids.UnionWith(group.Ids);
                merged.Members.AddRange(group.Members);
                groups.Remove(group);
            }

            groups.Add(merged);
        }

        return groups
            .Select(g => g.Members
                .OrderByDescending(m => AdvisoryScore.Of(m.Record).Severity)
                .ThenByDescending(m => m.Record.Id.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase))
                .ThenByDescending(m => m.Record.Modified)
                .ThenBy(m => m.Record.Id, StringComparer.Ordinal)
                .ToList())
            .ToList();
    }

    private static Dictionary<string, IReadOnlyList<string>> ShortestPaths(List<ResolvedDependency> packages)
    {
        var byId = packages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var paths = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<ResolvedDependency>();
        foreach (var direct in packages.Where(p => p.IsDirect))
        {
            paths[direct.Id] = [$"{direct.Id} {direct.Version}"];
            queue.Enqueue(direct);
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var edge in current.Dependencies)
            {
                if (byId.TryGetValue(edge.Id, out var next) && !paths.ContainsKey(next.Id))
                {
                    paths[next.Id] = [.. paths[current.Id], $"{next.Id} {next.Version}"];
                    queue.Enqueue(next);
                }
            }
        }

        return paths;
    }
}
