using NuGet.Versioning;
using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>How far an audit got; only a complete audit may say "no advisory" or change the ledger.</summary>
public enum AuditOutcome
{
    /// <summary>Every configured source gave data and every package was evaluated (the data may still be stale: SSB0202).</summary>
    Complete,

    /// <summary>The audit ran, but a source gave nothing or a package could not be evaluated: its findings are a lower bound.</summary>
    Partial,

    /// <summary>Nothing was audited: no advisory data at all, or no package could be evaluated.</summary>
    NotRun,
}

/// <summary>One thing to audit: a restored project, or the NuGet components of an SBOM.</summary>
/// <param name="Project">The project file (or SBOM) findings are filed under.</param>
/// <param name="Packages">The packages to check.</param>
/// <param name="Suppressions">The project's justified suppressions.</param>
/// <param name="Lines">Where package references are written, to report findings at their line; null for an SBOM.</param>
/// <param name="Problems">What could not be evaluated (SSB0208), found while reading the input.</param>
/// <param name="Evaluable">False when nothing of the input could be evaluated (an assets file without targets).</param>
public sealed record AuditInput(
    string Project,
    IReadOnlyList<AuditedPackage> Packages,
    IReadOnlyList<AuditSuppression> Suppressions,
    PackageReferenceLines? Lines,
    IReadOnlyList<AdvisoryNotice> Problems,
    bool Evaluable = true)
{
    /// <summary>A restored project: its assets file's packages (all or direct), with the problems that keep any of them from being evaluated.</summary>
    public static AuditInput FromProject(string project, string assetsFile, AuditMode mode, IReadOnlyList<AuditSuppression> suppressions, string? centralPackagesFile)
    {
        var graph = AssetsFileReader.Read(assetsFile);
        var problems = new List<AdvisoryNotice>();
        if (graph.Targets.Count == 0)
        {
            problems.Add(new AdvisoryNotice(DiagnosticCodes.PackageNotEvaluable, true,
                $"The NuGet assets file '{assetsFile}' has no resolved target (\"targets\": {{}}), so the packages of '{Path.GetFileName(project)}' cannot be evaluated and were NOT audited. Restore the project again.", assetsFile));
        }

        foreach (var target in graph.Targets)
        {
            foreach (var id in target.UnresolvedPackages)
            {
                problems.Add(new AdvisoryNotice(DiagnosticCodes.PackageNotEvaluable, true,
                    $"Package '{id}' is referenced by '{Path.GetFileName(project)}' for {target.Name} but has no entry in the restored graph of '{assetsFile}', so it cannot be evaluated. Restore the project again.", assetsFile));
            }
        }

        return new AuditInput(project, DependencyAuditor.PackagesOf(graph, mode), suppressions, new PackageReferenceLines(project, centralPackagesFile), problems, graph.Targets.Count > 0);
    }

    /// <summary>Packages known only by id and version (the components of a shipped SBOM), each audited as shipped directly.</summary>
    public static AuditInput FromPackages(string source, IEnumerable<(string Id, string Version)> packages) => new(
        source,
        packages.Select(p => new AuditedPackage(p.Id, p.Version, true, [$"{p.Id} {p.Version}"], [])).ToList(),
        [],
        null,
        []);
}

/// <summary>What to audit and how to report it.</summary>
/// <param name="Inputs">The projects or SBOMs.</param>
/// <param name="Sources">The advisory sources.</param>
/// <param name="Level">The lowest severity kept.</param>
/// <param name="UnknownAs">How an advisory without grade or CVSS counts.</param>
public sealed record AuditRequest(IReadOnlyList<AuditInput> Inputs, AdvisorySourceOptions Sources, AdvisorySeverity Level, AdvisorySeverity UnknownAs);

/// <summary>The result of an audit: findings at their lines, the data used, the notices, and how complete it was.</summary>
/// <param name="Outcome">Complete, partial or not run.</param>
/// <param name="Findings">The findings at or above the level, suppressed ones included (marked).</param>
/// <param name="Data">What each source contributed.</param>
/// <param name="Notices">Problems with the data or the inputs, in the order found.</param>
/// <param name="PackageCount">How many distinct packages were checked.</param>
/// <param name="SourceUnreachable">True when an online source failed and falling back was not allowed.</param>
public sealed record AuditResult(
    AuditOutcome Outcome,
    IReadOnlyList<LocatedFinding> Findings,
    IReadOnlyList<AdvisoryDataInfo> Data,
    IReadOnlyList<AdvisoryNotice> Notices,
    int PackageCount,
    bool SourceUnreachable)
{
    /// <summary>True when the audit may be trusted as a full verdict (the ledger records only such audits).</summary>
    public bool IsComplete => Outcome == AuditOutcome.Complete;

    /// <summary>"complete", "partial" or "not-run", as audit.json writes it.</summary>
    public string OutcomeName => Outcome switch
    {
        AuditOutcome.Complete => "complete",
        AuditOutcome.Partial => "partial",
        _ => "not-run",
    };

    /// <summary>One sentence saying why the audit is not a full verdict, or null when it is.</summary>
    public string? Shortfall => Outcome switch
    {
        AuditOutcome.NotRun => "The dependency audit did NOT run (no advisory data, or no package could be evaluated): this is not a clean result.",
        AuditOutcome.Partial => "The dependency audit ran on partial data (a source gave nothing or a package could not be evaluated): findings may be missing, so this is not a clean result.",
        _ => null,
    };
}

/// <summary>
/// The one audit: loads the advisory sources for every input's packages, matches, applies suppressions and the level,
/// locates each finding at the line that brings its package in, and says how complete the result is. The MSBuild
/// task, the CLI and the gate's callers map their inputs to it and print what it returns.
/// </summary>
public static class AuditPipeline
{
    /// <summary>Runs the audit at <paramref name="now"/>.</summary>
    public static AuditResult Run(AuditRequest request, DateTimeOffset now, HttpClient? http = null)
    {
        var problems = request.Inputs.SelectMany(i => i.Problems).ToList();
        foreach (var input in request.Inputs)
        {
            foreach (var package in input.Packages.Where(p => !NuGetVersion.TryParse(p.Version, out _)))
            {
                problems.Add(new AdvisoryNotice(DiagnosticCodes.PackageNotEvaluable, true,
                    $"Package '{package.Id}' of '{Path.GetFileName(input.Project)}' has the version '{package.Version}', which is not a NuGet version, so it cannot be checked against advisories. Restore the project again or correct the version.",
                    input.Project));
            }
        }

        var packages = request.Inputs.SelectMany(i => i.Packages).Select(p => (p.Id, p.Version)).Distinct().ToList();
        var loaded = AdvisorySources.Load(request.Sources, packages, now, http);
        var located = new List<LocatedFinding>();
        foreach (var input in request.Inputs)
        {
            var findings = AuditSuppressions.Apply(DependencyAuditor.Audit(input.Project, input.Packages, loaded.Index), input.Suppressions)
                .Where(f => AuditReport.Effective(f.Severity, request.UnknownAs) >= request.Level);
            located.AddRange(findings.Select(f =>
            {
                // A transitive package has no line of its own: it is reported at the direct package that brings it in.
                var (file, line) = input.Lines?.Locate(f.IsDirect ? f.PackageId : f.Path[0].Split(' ')[0]) ?? (input.Project, 0);
                return new LocatedFinding(f, file, line);
            }));
        }

        var outcome = loaded.NoData || (request.Inputs.Count > 0 && request.Inputs.All(i => !i.Evaluable)) ? AuditOutcome.NotRun
            : loaded.MissingData || problems.Count > 0 ? AuditOutcome.Partial
            : AuditOutcome.Complete;
        return new AuditResult(outcome, located, loaded.Data, [.. loaded.Notices, .. problems], packages.Count, loaded.SourceUnreachable);
    }
}
