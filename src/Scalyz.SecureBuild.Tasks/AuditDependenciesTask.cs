using System.Reflection;
using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Audits the project's resolved packages (from the NuGet assets file) against OSV advisories and reports each finding
/// at the PackageReference (or Directory.Packages.props PackageVersion) line, as NuGet Audit does: SSB4001-SSB4004 by
/// severity, errors at or above the fail level. Writes audit.json and audit.sarif to the output folder.
/// </summary>
public sealed class AuditDependenciesTask : SecureBuildTask
{
    /// <summary>The NuGet assets file, normally $(ProjectAssetsFile).</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>The project file, where direct package references are looked up for their line.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>Directory.Packages.props when central package management is on; its PackageVersion lines are used then.</summary>
    public string? CentralPackagesFile { get; set; }

    /// <summary>The advisory sources: nuget, embedded, osv-dump, osv-api, separated by ';'.</summary>
    public string Sources { get; set; } = "nuget;embedded";

    /// <summary>The snapshot shipped in the package.</summary>
    public string? EmbeddedSnapshot { get; set; }

    /// <summary>The local advisory cache folder; empty for the user's default.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>The osv.dev API root for the osv-api source; empty for https://api.osv.dev/.</summary>
    public string? ApiAddress { get; set; }

    /// <summary>For the nuget source: the folder whose NuGet configuration applies, as restore's (RestoreRootConfigDirectory, else the project folder).</summary>
    public string? NuGetConfigRoot { get; set; }

    /// <summary>For the nuget source: the NuGet configuration file restore was told to use (RestoreConfigFile), or empty.</summary>
    public string? NuGetConfigFile { get; set; }

    /// <summary>The oldest data accepted without a warning, in days.</summary>
    public string MaxAge { get; set; } = "30";

    /// <summary>true to report stale data as an error.</summary>
    public bool StaleIsError { get; set; }

    /// <summary>What to do when osv.dev cannot be reached: warn (use cache and snapshot) or fail.</summary>
    public string Unreachable { get; set; } = "warn";

    /// <summary>The lowest severity reported: low, moderate, high or critical.</summary>
    public string Level { get; set; } = "low";

    /// <summary>The lowest severity reported as an error (failing the build): low, moderate, high or critical.</summary>
    public string FailLevel { get; set; } = "critical";

    /// <summary>all (every resolved package) or direct (direct references only).</summary>
    public string Mode { get; set; } = "all";

    /// <summary>How an advisory with no grade and no CVSS v3 vector counts: low, moderate, high or critical.</summary>
    public string UnknownSeverity { get; set; } = "high";

    /// <summary>SecureBuildSuppress items: Include = advisory id or alias; metadata Justification (required) and Until (yyyy-MM-dd).</summary>
    public ITaskItem[] Suppressions { get; set; } = [];

    /// <summary>The folder for audit.json and audit.sarif.</summary>
    [Required]
    public string OutputFolder { get; set; } = string.Empty;

    /// <summary>
    /// Where to write the findings for the patch-deadline check (src/docs/sla.md#findings-file); empty for none. Findings
    /// under an active suppression are left out: the suppression is the team's recorded, time-limited risk decision.
    /// The file is deleted first, so a failed audit never leaves a stale list for the deadline check to trust.
    /// </summary>
    public string? SlaFindingsFile { get; set; }

    /// <summary>How many findings were reported (suppressed ones not counted).</summary>
    [Output]
    public int FindingCount { get; private set; }

    /// <summary>True when the audit was complete: every source answered and the data was fresh.</summary>
    [Output]
    public bool Complete { get; private set; }

    protected override void ExecuteCore()
    {
        if (!string.IsNullOrWhiteSpace(SlaFindingsFile) && File.Exists(SlaFindingsFile))
        {
            File.Delete(SlaFindingsFile);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var level = ParseLevel(Level, nameof(Level));
        var failLevel = ParseLevel(FailLevel, nameof(FailLevel));
        var unknownAs = ParseLevel(UnknownSeverity, nameof(UnknownSeverity));
        var mode = Mode.Trim().ToLowerInvariant() switch
        {
            "all" => AuditMode.All,
            "direct" => AuditMode.Direct,
            _ => throw Config($"SecureBuildAuditMode '{Mode}' is not valid: use all or direct."),
        };
        var fallback = Unreachable.Trim().ToLowerInvariant() switch
        {
            "warn" => true,
            "fail" => false,
            _ => throw Config($"SecureBuildAdvisoryUnreachable '{Unreachable}' is not valid: use warn or fail."),
        };
        var suppressions = Suppressions
            .Select(i => AuditSuppressions.Create(i.ItemSpec, i.GetMetadata("Justification"), i.GetMetadata("Until"), today, ProjectFile))
            .ToList();
        var options = new AdvisorySourceOptions(
            AdvisorySourceOptions.ParseSources(Sources, ProjectFile),
            EmbeddedSnapshot,
            string.IsNullOrWhiteSpace(CacheFolder) ? AdvisorySourceOptions.DefaultCacheFolder : CacheFolder,
            AdvisorySourceOptions.ParseMaxAge(MaxAge, ProjectFile),
            StaleIsError,
            fallback,
            ApiBaseAddress: ParseApi(),
            ApiTimeout: TimeSpan.FromSeconds(15),
            NuGetRoot: string.IsNullOrWhiteSpace(NuGetConfigRoot) ? Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) : NuGetConfigRoot,
            NuGetConfigFile: string.IsNullOrWhiteSpace(NuGetConfigFile) ? null : NuGetConfigFile);

        var graph = AssetsFileReader.Read(AssetsFile);
        var packages = DependencyAuditor.PackagesOf(graph, mode);
        var loaded = AdvisorySources.Load(options, packages.Select(p => (p.Id, p.Version)).ToList(), DateTimeOffset.UtcNow);
        foreach (var notice in loaded.Notices)
        {
            LogDiagnostic(notice.IsError ? "error" : "warning", notice.Code, ProjectFile, 0, notice.Message);
        }

        var findings = AuditSuppressions.Apply(DependencyAuditor.Audit(ProjectFile, packages, loaded.Index), suppressions)
            .Where(f => AuditReport.Effective(f.Severity, unknownAs) >= level)
            .ToList();
        var lines = new PackageReferenceLines(ProjectFile, CentralPackagesFile);
        var located = findings.Select(f =>
        {
            var (file, line) = lines.Locate(f.IsDirect ? f.PackageId : f.Path[0].Split(' ')[0]);
            return new LocatedFinding(f, file, line);
        }).ToList();

        foreach (var (finding, file, line) in located)
        {
            var message = AuditReport.Message(finding, unknownAs);
            if (finding.IsSuppressed)
            {
                LogDiagnostic("message", DiagnosticCodes.AdvisorySuppressed, file, line,
                    $"Suppressed{(finding.Suppression!.Until is { } until ? $" until {until:yyyy-MM-dd}" : string.Empty)} ({finding.Suppression.Justification}): {message}");
                continue;
            }

            if (finding.Suppression is { IsExpired: true } expired)
            {
                LogWarning(DiagnosticCodes.AdvisorySuppressionExpired, file, line,
                    $"The suppression of {expired.AdvisoryId} expired on {expired.Until:yyyy-MM-dd} ({expired.Justification}); the finding is reported again.");
            }

            var severity = AuditReport.Effective(finding.Severity, unknownAs) >= failLevel ? "error" : "warning";
            LogDiagnostic(severity, AuditReport.Code(finding.Severity, unknownAs), file, line, message);
            FindingCount++;
        }

        var folder = Path.GetFullPath(OutputFolder);
        AtomicFile.WriteAllBytes(Path.Combine(folder, "audit.json"), AuditReport.ToJson(located, loaded.Data, loaded.Notices, unknownAs));
        var version = typeof(AuditDependenciesTask).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        AtomicFile.WriteAllBytes(Path.Combine(folder, "audit.sarif"), AuditReport.ToSarif(located, unknownAs, failLevel, version));
        if (!string.IsNullOrWhiteSpace(SlaFindingsFile))
        {
            var project = Path.GetFileNameWithoutExtension(ProjectFile);
            AtomicFile.WriteAllBytes(SlaFindingsFile, Core.Policy.SlaFindingsFile.Serialize(
                findings.Where(f => !f.IsSuppressed).Select(f => Core.Policy.SlaFinding.FromAudit(f, project))));
        }

        Complete = loaded.IsComplete;
        var sources = string.Join(", ", loaded.Data.Select(d => $"{d.Source} {d.Date:yyyy-MM-dd} ({d.Records} records)"));
        Log.LogMessage(MessageImportance.Normal, $"SecureBuild: audited {packages.Count} packages against {sources}: {FindingCount} finding(s) reported.");
    }

    private Uri? ParseApi() => string.IsNullOrWhiteSpace(ApiAddress) ? null
        : Uri.TryCreate(ApiAddress.EndsWith('/') ? ApiAddress : ApiAddress + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw Config($"SecureBuildAdvisoryApi '{ApiAddress}' is not an http(s) address.");

    private InputFileException Config(string message) => new(DiagnosticCodes.AuditConfigurationInvalid, ProjectFile, message);

    private AdvisorySeverity ParseLevel(string value, string property) =>
        AdvisoryScore.ParseGrade(value) ?? throw Config($"SecureBuildAudit{(property == nameof(Level) ? "Level" : property)} '{value}' is not valid: use low, moderate, high or critical.");
}
