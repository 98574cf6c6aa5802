using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;
using Scalyz.SecureBuild.Core.Sbom;

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
        var command = new Command("audit", "Audit resolved NuGet packages against OSV advisories (embedded snapshot, imported osv.dev dump, osv.dev API).")
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
                var loaded = AdvisorySources.Load(data.OptionsOf(result), inputs.SelectMany(i => i.Packages).Select(p => (p.Id, p.Version)).Distinct().ToList(), DateTimeOffset.UtcNow);
                foreach (var notice in loaded.Notices)
                {
                    stderr.WriteLine($"{(notice.IsError ? "error" : "warning")} {notice.Code}: {notice.Message}");
                }

                var located = new List<LocatedFinding>();
                foreach (var input in inputs)
                {
                    var findings = AuditSuppressions.Apply(DependencyAuditor.Audit(input.Project, input.Packages, loaded.Index), input.Suppressions)
                        .Where(f => AuditReport.Effective(f.Severity, unknownAs) >= threshold);
                    located.AddRange(findings.Select(f =>
                    {
                        var (file, line) = input.Lines?.Locate(f.IsDirect ? f.PackageId : f.Path[0].Split(' ')[0]) ?? (input.Project, 0);
                        return new LocatedFinding(f, file, line);
                    }));
                }

                var content = output.FormatOf(result) switch
                {
                    "json" => Encoding.UTF8.GetString(AuditReport.ToJson(located, loaded.Data, loaded.Notices, unknownAs)),
                    "sarif" => Encoding.UTF8.GetString(AuditReport.ToSarif(located, unknownAs, threshold, ToolVersion)),
                    _ => RenderTable(located, loaded, unknownAs),
                };
                output.Write(result, content, stdout);
                if (loaded.SourceUnreachable)
                {
                    return ExitCodes.AdvisorySourceUnreachable;
                }

                if (loaded.Notices.Any(n => n.IsError))
                {
                    return ExitCodes.BadInput;
                }

                return located.Any(f => !f.Finding.IsSuppressed) ? ExitCodes.PolicyViolated : ExitCodes.Ok;
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

    private sealed record Input(string Project, IReadOnlyList<AuditedPackage> Packages, IReadOnlyList<AuditSuppression> Suppressions, PackageReferenceLines? Lines);

    private static List<Input> Inputs(string path, AuditMode mode, DateOnly today)
    {
        if (File.Exists(path) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return [new Input(Path.GetFullPath(path), SbomPackages(path), [], null)];
        }

        return ProjectLocator.FindProjects(path)
            .Select(p => new Input(
                p,
                DependencyAuditor.PackagesOf(AssetsFileReader.Read(ProjectLocator.AssetsFileOf(p)), mode),
                AuditSuppressions.ReadFromProject(p, today),
                new PackageReferenceLines(p, CentralPackagesFile(p))))
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

    /// <summary>
    /// The NuGet components that ship in a CycloneDX 1.5/1.6 or SPDX 2.3 JSON SBOM, from their package URLs
    /// (pkg:nuget/Name@Version), read with the release gate's reader; first-party projects have no such purl.
    /// </summary>
    internal static List<AuditedPackage> SbomPackages(string path) =>
        ShippedSbom.Read(path).Components
            .Select(c => c.Purl is null ? null : NuGetPurl.Parse(c.Purl))
            .OfType<(string Id, string Version)>()
            .Select(p => new AuditedPackage(p.Id, p.Version, true, [$"{p.Id} {p.Version}"], []))
            .DistinctBy(p => (p.Id.ToUpperInvariant(), p.Version))
            .ToList();

    internal static string RenderTable(IReadOnlyList<LocatedFinding> findings, AdvisoryLoadResult loaded, AdvisorySeverity unknownAs)
    {
        var text = new StringBuilder();
        foreach (var d in loaded.Data)
        {
            text.Append(CultureInfo.InvariantCulture, $"Advisory data: {d.Source}, {d.Records} records, dated {d.Date:yyyy-MM-dd}{(d.Attribution is null ? string.Empty : $" ({d.Attribution})")}\n");
        }

        text.Append('\n');
        if (findings.Count == 0)
        {
            text.Append("No advisory affects the audited packages.\n");
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
        text.Append(CultureInfo.InvariantCulture, $"\n{open} finding(s), {findings.Count - open} suppressed.\n");
        return text.ToString();
    }

    // An SBOM has no line per package: the finding names the SBOM and its component instead of a line 0.
    private static string Where(string file, int line, AuditFinding finding) =>
        line > 0 ? $"{Path.GetFileName(file)}:{line}" : $"{Path.GetFileName(file)} component {finding.PackageId} {finding.PackageVersion}";
}
