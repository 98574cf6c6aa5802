using System.Globalization;
using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core.Sla;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Checks the audit's findings against the patch policy: SSB5001 (error) for a breached deadline, SSB5002 (warning) when
/// one is due soon, SSB5003 (message) when a risk acceptance covers it. With a ledger file, records the findings first.
/// </summary>
public sealed class EvaluateDeadlinesTask : SecureBuildTask
{
    /// <summary>The audit's findings (JSON <c>{"findings": [...]}</c>, see src/docs/sla.md#findings-file).</summary>
    [Required]
    public string FindingsFile { get; set; } = string.Empty;

    /// <summary>The project's name as the findings and the ledger name it (normally $(MSBuildProjectName)).</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The patch policy file; empty for the built-in policy.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>The JSON ledger file to record findings in and read first-seen times, releases and acceptances from; empty for none.</summary>
    public string? LedgerFile { get; set; }

    /// <summary>Who records in the ledger (default: "build").</summary>
    public string? Actor { get; set; }

    /// <summary>Evaluate at this UTC time (ISO 8601) instead of now, for reproducible builds and tests; empty for now.</summary>
    public string? AsOf { get; set; }

    /// <summary>The project file; diagnostics point at a direct package's PackageReference line in it (default: the project running the task).</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Directory.Packages.props under central package management, where a direct package's version line is.</summary>
    public string? CentralPackagesFile { get; set; }

    /// <summary>Number of breached findings.</summary>
    [Output]
    public int BreachedCount { get; private set; }

    /// <summary>Number of findings due soon.</summary>
    [Output]
    public int DueSoonCount { get; private set; }

    /// <summary>The clock; tests replace it, builds use <see cref="AsOf"/> or the system clock.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    protected override void ExecuteCore()
    {
        var clock = Clock;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (!DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var asOf))
            {
                LogError(DiagnosticCodes.SlaPolicyInvalid, ProjectFile ?? BuildEngine?.ProjectFileOfTaskNode, 0,
                    $"SecureBuildSlaAsOf '{AsOf}' is not an ISO 8601 date or time (for example 2026-12-01T00:00:00Z).");
                return;
            }

            clock = new StoppedClock(asOf.ToUniversalTime());
        }

        var policy = string.IsNullOrWhiteSpace(PolicyFile) ? PatchPolicy.Default : Core.Policy.PolicyFile.Read(PolicyFile);
        var findings = SlaFindingsFile.Read(FindingsFile);
        var ledger = string.IsNullOrWhiteSpace(LedgerFile) ? null : new JsonFileLedgerStore(LedgerFile, clock);
        var results = DeadlineCheck.Run(findings, [ProjectName], policy, ledger, string.IsNullOrWhiteSpace(Actor) ? "build" : Actor, clock);
        var project = ProjectFile ?? BuildEngine?.ProjectFileOfTaskNode;
        var lines = project is not null && File.Exists(project) ? new PackageReferenceLines(project, CentralPackagesFile) : null;
        foreach (var result in results)
        {
            // A transitive package has no line of its own; it is reported at the project file.
            var (file, line) = lines is null ? (project, 0) : ((string?, int))lines.Locate(result.Finding.PackageId);
            if (result.ClockStartUnknown && result.Status == DeadlineStatus.Ok)
            {
                LogWarning(DiagnosticCodes.DeadlineClockStartUnknown, file, line, result.Message);
                continue;
            }

            switch (result.Status)
            {
                case DeadlineStatus.Breached:
                    LogError(DiagnosticCodes.DeadlineBreached, file, line, result.Message);
                    break;
                case DeadlineStatus.DueSoon:
                    LogWarning(DiagnosticCodes.DeadlineDueSoon, file, line, result.Message);
                    break;
                case DeadlineStatus.Accepted when result.Now > result.Due - TimeSpan.FromDays(policy.WarningDays):
                    LogDiagnostic("message", DiagnosticCodes.DeadlineRiskAccepted, file, line, result.Message);
                    break;
            }
        }

        BreachedCount = results.Count(r => r.Status == DeadlineStatus.Breached);
        DueSoonCount = results.Count(r => r.Status == DeadlineStatus.DueSoon);
        Log.LogMessage(MessageImportance.Low, $"SecureBuild: {results.Count} findings checked against the patch policy: {BreachedCount} breached, {DueSoonCount} due soon.");
    }
}
