using System.Globalization;
using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Collects every weakening of the package's protections in the project (src/docs/bypass.md), writes them to
/// obj/securebuild/bypasses.json, reports each unjustified one as a warning (SSB0400 rule suppressed, SSB0401 switch,
/// SSB0402 advisory suppression) and each justified one as a message (SSB0403), and records them in the ledger when
/// there is one. Runs even with SecureBuildEnabled=false, which is itself a bypass.
/// </summary>
public sealed class CollectBypassesTask : SecureBuildTask
{
    /// <summary>The project's name as the ledger names it.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The evidence file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The Compile items.</summary>
    public ITaskItem[] SourceFiles { get; set; } = [];

    /// <summary>EditorConfigFiles and GlobalAnalyzerConfigFiles items.</summary>
    public ITaskItem[] ConfigFiles { get; set; } = [];

    /// <summary>One item per property (<see cref="BypassCollector.PropertyNames"/>) with its value in the Value metadata.</summary>
    public ITaskItem[] Properties { get; set; } = [];

    /// <summary>The SecureBuildSuppress items (Justification and Until metadata).</summary>
    public ITaskItem[] Suppressions { get; set; } = [];

    /// <summary>The package's default advisory sources, which are never a bypass by themselves.</summary>
    public string? DefaultAdvisorySources { get; set; }

    /// <summary>The JSON ledger to record the bypasses in; empty for none.</summary>
    public string? LedgerFile { get; set; }

    /// <summary>Who the ledger records (default "build").</summary>
    public string? Actor { get; set; }

    /// <summary>The build's clock (ISO 8601 UTC) instead of now, for expiry and the ledger; empty for now.</summary>
    public string? AsOf { get; set; }

    /// <summary>Number of unjustified bypasses.</summary>
    [Output]
    public int UnjustifiedCount { get; private set; }

    /// <summary>The clock; tests replace it.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    protected override void ExecuteCore()
    {
        var clock = Clock;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (!DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var asOf))
            {
                LogError(DiagnosticCodes.SlaPolicyInvalid, ProjectFile, 0, $"SecureBuildSlaAsOf '{AsOf}' is not an ISO 8601 date or time (for example 2026-12-01T00:00:00Z).");
                return;
            }

            clock = new StoppedClock(asOf.ToUniversalTime());
        }

        var now = clock.GetUtcNow();
        var inputs = new BypassInputs(
            ProjectName,
            ProjectFile,
            [.. SourceFiles.Select(i => i.GetMetadata("FullPath"))],
            [.. ConfigFiles.Select(i => i.GetMetadata("FullPath"))],
            Properties.GroupBy(p => p.ItemSpec, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value"), StringComparer.OrdinalIgnoreCase),
            [.. Suppressions.Select(s => new SuppressItemInput(s.ItemSpec, s.GetMetadata("Justification"), s.GetMetadata("Until")))],
            DateOnly.FromDateTime(now.UtcDateTime),
            string.IsNullOrWhiteSpace(DefaultAdvisorySources) ? "nuget;embedded" : DefaultAdvisorySources);
        var evidence = BypassCollector.Collect(inputs);
        AtomicFile.WriteAllBytes(OutputFile, BypassEvidenceFile.Serialize(evidence));

        foreach (var item in evidence.Items)
        {
            var file = item.File is null ? ProjectFile : Path.GetFullPath(Path.Combine(evidence.ProjectDirectory, item.File));
            var line = item.File is null ? 0 : item.Line;
            if (item.Justified)
            {
                LogDiagnostic("message", DiagnosticCodes.BypassJustified, file, line,
                    $"{Describe(item)} is a justified bypass, recorded in the build's evidence: {item.Reason}");
                continue;
            }

            UnjustifiedCount++;
            var code = item.Kind switch
            {
                BypassKinds.Switch => DiagnosticCodes.BypassSwitchedOff,
                BypassKinds.AuditSuppression => DiagnosticCodes.BypassAuditSuppressionUnjustified,
                _ => DiagnosticCodes.BypassRuleSuppressed,
            };
            LogWarning(code, file, line, $"{Describe(item)} has no accepted reason ({item.Detail}); the release gate refuses it: {item.Remedy}.");
        }

        if (!string.IsNullOrWhiteSpace(LedgerFile))
        {
            new JsonFileLedgerStore(LedgerFile, clock).RecordBypasses(ProjectName, evidence.Items, string.IsNullOrWhiteSpace(Actor) ? "build" : Actor);
        }

        Log.LogMessage(MessageImportance.Low, $"SecureBuild: {evidence.Items.Count} bypasses collected ({UnjustifiedCount} unjustified), written to {OutputFile}.");
    }

    private static string Describe(BypassItem item) => item.Kind switch
    {
        BypassKinds.Switch => $"The switch {item.Target}",
        BypassKinds.AuditSuppression => $"The suppression of advisory {item.Target}",
        _ when item.Target == "SSB*" => $"Suppressing every rule ({item.Kind})",
        _ => $"Suppressing {item.Target} ({item.Kind})",
    };
}
