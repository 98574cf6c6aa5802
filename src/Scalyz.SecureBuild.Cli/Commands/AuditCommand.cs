using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary>
/// <c>securebuild audit PATH</c>: checks the resolved packages of a project, solution or folder (or the NuGet components
/// of a CycloneDX SBOM) against OSV advisories. Exits 1 when an unsuppressed finding at or above --level exists.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A project file, a solution (.sln/.slnx/.slnf), a folder (default: the current folder) or a CycloneDX JSON SBOM. Projects must be restored.",
            DefaultValueFactory = _ => ".",
        };
        var level = new Option<string>("--level") { Description = "The lowest severity reported and failing the audit: low, moderate, high, critical.", DefaultValueFactory = _ => "low" };
        level.AcceptOnlyFromAmong("low", "moderate", "high", "critical");
        var mode = new Option<string>("--mode") { Description = "all (every resolved package) or direct (direct references only).", DefaultValueFactory = _ => "all" };
        mode.AcceptOnlyFromAmong("all", "direct");
        var unknown = new Option<string>("--unknown-severity") { Description = "How an advisory without grade or CVSS v3 vector counts.", DefaultValueFactory = _ => "high" };
        unknown.AcceptOnlyFromAmong("low", "moderate", "high", "critical");
        var data = new AdvisoryDataOptions();
        var output = new OutputOptions("table", "json", "sarif");
        var command = new Command("audit", "Audit resolved NuGet packages against advisories (the NuGet feeds' vulnerability data, embedded snapshot, imported osv.dev dump, osv.dev API).")
        {
            path, level, mode, unknown,
        };
        data.AddTo(command);
        output.AddTo(command);
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            try
            {
                var threshold = AdvisoryScore.ParseGrade(result.GetValue(level))!.Value;
                var unknownAs = AdvisoryScore.ParseGrade(result.GetValue(unknown))!.Value;
                var auditMode = result.GetValue(mode) == "direct" ? AuditMode.Direct : AuditMode.All;
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var inputs = Inputs(result.GetValue(path)!, auditMode, today);
                // The nuget source reads the NuGet configuration that applies where the audited path is, as restore does.
                var audited = Path.GetFullPath(result.GetValue(path)!);
                var options = data.OptionsOf(result, File.Exists(audited) ? Path.GetDirectoryName(audited) : audited);
                var audit = AuditPipeline.Run(new AuditRequest(inputs, options, threshold, unknownAs), DateTimeOffset.UtcNow);
                foreach (var notice in audit.Notices)
                {
                    stderr.WriteLine($"{(notice.IsError ? "error" : "warning")} {notice.Code}: {notice.Message}");
                }

                if (audit.Shortfall is { } shortfall)
                {
                    stderr.WriteLine($"{(audit.Outcome == AuditOutcome.NotRun ? "error" : "warning")} {DiagnosticCodes.AuditIncomplete}: {shortfall}");
                }

                var content = output.FormatOf(result) switch
                {
                    "json" => Encoding.UTF8.GetString(AuditReport.ToJson(audit, unknownAs)),
                    "sarif" => Encoding.UTF8.GetString(AuditReport.ToSarif(audit, unknownAs, threshold, ToolVersion)),
                    _ => RenderTable(audit, unknownAs),
                };
                output.Write(result, content, stdout);
                if (audit.SourceUnreachable)
                {
                    return ExitCodes.AdvisorySourceUnreachable;
                }

                if (audit.Outcome == AuditOutcome.NotRun || audit.Notices.Any(n => n.IsError))
                {
                    return ExitCodes.BadInput;
                }

                return audit.Findings.Any(f => !f.Finding.IsSuppressed) ? ExitCodes.PolicyViolated : ExitCodes.Ok;
            }
            catch (InputFileException e)
            {
                stderr.WriteLine($"error {e.Code}: {e.Describe()}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static string ToolVersion => typeof(AuditCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static List<AuditInput> Inputs(string path, AuditMode mode, DateOnly today)
    {
        if (File.Exists(path) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // An SBOM is read as the release gate reads it (CycloneDX or SPDX).
            return [AuditInput.FromPackages(Path.GetFullPath(path), ShippedSbom.Read(path).NuGetPackages())];
        }

        return ProjectLocator.FindProjects(path)
            .Select(p => AuditInput.FromProject(p, ProjectLocator.AssetsFileOf(p), mode, AuditSuppressions.ReadFromProject(p, today), CentralPackagesFile(p)))
            .ToList();
    }

    // Central package management: the nearest Directory.Packages.props above the project, as NuGet finds it.
    private static string? CentralPackagesFile(string project)
    {
        for (var folder = Path.GetDirectoryName(project); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, "Directory.Packages.props");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static string RenderTable(AuditResult audit, AdvisorySeverity unknownAs)
    {
        var findings = audit.Findings;
        var text = new StringBuilder();
        foreach (var d in audit.Data)
        {
            text.Append(CultureInfo.InvariantCulture, $"Advisory data: {d.Source}, {d.Records} records, dated {d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"}{(d.Attribution is null ? string.Empty : $" ({d.Attribution})")}\n");
        }

        text.Append('\n');
        if (findings.Count == 0)
        {
            // Only a complete audit may say that nothing is affected.
            text.Append(audit.Outcome switch
            {
                AuditOutcome.Complete => "No advisory affects the audited packages.\n",
                AuditOutcome.NotRun => "The audit did NOT run: no verdict (see the errors on standard error).\n",
                _ => "No advisory found in the data that could be used, but the audit is INCOMPLETE: no verdict (see standard error).\n",
            });
            return text.ToString();
        }

        var table = new TextTable("Project", "Package", "Version", "Severity", "CVSS", "Advisory", "Fixed in", "Via", "Status");
        foreach (var (f, file, line) in findings)
        {
            table.AddRow(
                Path.GetFileName(f.Project),
                f.PackageId,
                f.PackageVersion,
                f.Severity == AdvisorySeverity.Unknown ? $"unknown ({AuditReport.Word(AuditReport.Effective(f.Severity, unknownAs))})" : AuditReport.Word(f.Severity),
                f.CvssScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
                f.DisplayId,
                f.FixedIn ?? "none",
                f.IsDirect ? "direct" : string.Join(" > ", f.Path.Take(f.Path.Count - 1)),
                f.IsSuppressed ? $"suppressed: {f.Suppression!.Justification}" : f.Suppression is { IsExpired: true } ? "suppression expired" : $"{AuditReport.Code(f.Severity, unknownAs)} {Where(file, line, f)}");
        }

        text.Append(table);
        var open = findings.Count(f => !f.Finding.IsSuppressed);
        text.Append(CultureInfo.InvariantCulture, $"\n{open} finding(s), {findings.Count - open} suppressed{(audit.IsComplete ? string.Empty : "; the audit is INCOMPLETE, more may be missing")}.\n");
        return text.ToString();
    }

    // An SBOM has no line per package: the finding names the SBOM and its component instead of a line 0.
    private static string Where(string file, int line, AuditFinding finding) =>
        line > 0 ? $"{Path.GetFileName(file)}:{line}" : $"{Path.GetFileName(file)} component {finding.PackageId} {finding.PackageVersion}";
}
