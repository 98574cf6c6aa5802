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

    /// <summary>The advisory sources: nuget, embedded, osv-dump, osv-api, separated by ';'; empty for nuget;embedded plus the imported osv.dev dump when one exists.</summary>
    public string? Sources { get; set; }

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
        // Whatever a previous build wrote must not outlive a failed audit: no stale findings for the deadline check,
        // no stale "complete" report.
        var folder = Path.GetFullPath(OutputFolder);
        foreach (var stale in new[] { SlaFindingsFile, Path.Combine(folder, "audit.json"), Path.Combine(folder, "audit.sarif") })
        {
            if (!string.IsNullOrWhiteSpace(stale) && File.Exists(stale))
            {
                File.Delete(stale);
            }
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
        var cache = string.IsNullOrWhiteSpace(CacheFolder) ? AdvisorySourceOptions.DefaultCacheFolder : CacheFolder;
        var options = new AdvisorySourceOptions(
            string.IsNullOrWhiteSpace(Sources) ? AdvisorySourceOptions.DefaultSources(cache) : AdvisorySourceOptions.ParseSources(Sources, ProjectFile),
            EmbeddedSnapshot,
            cache,
            AdvisorySourceOptions.ParseMaxAge(MaxAge, ProjectFile),
            StaleIsError,
            fallback,
            ApiBaseAddress: ParseApi(),
            ApiTimeout: TimeSpan.FromSeconds(15),
            Names: AdvisorySettingNames.MSBuild,
            NuGetRoot: string.IsNullOrWhiteSpace(NuGetConfigRoot) ? Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) : NuGetConfigRoot,
            NuGetConfigFile: string.IsNullOrWhiteSpace(NuGetConfigFile) ? null : NuGetConfigFile);

        var input = AuditInput.FromProject(ProjectFile, AssetsFile, mode, suppressions, CentralPackagesFile);
        var result = AuditPipeline.Run(new AuditRequest([input], options, level, unknownAs), DateTimeOffset.UtcNow);
        foreach (var notice in result.Notices)
        {
            // Data problems belong to the project's configuration; an unevaluable package to the file that holds it.
            var file = notice.Code == DiagnosticCodes.PackageNotEvaluable ? notice.File ?? ProjectFile : ProjectFile;
            LogDiagnostic(notice.IsError ? "error" : "warning", notice.Code, file, 0, notice.Message);
        }

        foreach (var (finding, file, line) in result.Findings)
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

        AtomicFile.WriteAllBytes(Path.Combine(folder, "audit.json"), AuditReport.ToJson(result, unknownAs));
        var version = typeof(AuditDependenciesTask).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        AtomicFile.WriteAllBytes(Path.Combine(folder, "audit.sarif"), AuditReport.ToSarif(result, unknownAs, failLevel, version));
        if (!string.IsNullOrWhiteSpace(SlaFindingsFile))
        {
            if (result.IsComplete)
            {
                var project = Path.GetFileNameWithoutExtension(ProjectFile);
                AtomicFile.WriteAllBytes(SlaFindingsFile, Core.Policy.SlaFindingsFile.Serialize(
                    result.Findings.Select(l => l.Finding).Where(f => !f.IsSuppressed).Select(f => Core.Policy.SlaFinding.FromAudit(f, project))));
            }
            else
            {
                // The ledger would close every open finding it does not see again: only a complete audit may speak to it.
                LogWarning(DiagnosticCodes.AuditIncomplete, ProjectFile, 0,
                    $"{result.Shortfall} The findings ledger (SecureBuildLedgerFile) and the patch deadlines were NOT updated: no finding was opened, updated or closed.");
            }
        }

        Complete = result.IsComplete && result.Notices.Count == 0;
        var sources = string.Join(", ", result.Data.Select(d => $"{d.Source} {d.Date:yyyy-MM-dd} ({d.Records} records)"));
        Log.LogMessage(MessageImportance.High, $"SecureBuild: audited {result.PackageCount} packages against {(sources.Length == 0 ? "no data" : sources)} ({result.OutcomeName}): {FindingCount} finding(s) reported.");
    }

    private Uri? ParseApi() => string.IsNullOrWhiteSpace(ApiAddress) ? null
        : Uri.TryCreate(ApiAddress.EndsWith('/') ? ApiAddress : ApiAddress + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw Config($"SecureBuildAdvisoryApi '{ApiAddress}' is not an http(s) address.");

    private InputFileException Config(string message) => new(DiagnosticCodes.AuditConfigurationInvalid, ProjectFile, message);

    private AdvisorySeverity ParseLevel(string value, string property) =>
        AdvisoryScore.ParseGrade(value) ?? throw Config($"SecureBuildAudit{(property == nameof(Level) ? "Level" : property)} '{value}' is not valid: use low, moderate, high or critical.");
}
