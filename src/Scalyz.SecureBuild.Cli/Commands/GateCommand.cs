using System.CommandLine;
using System.Reflection;
using System.Text;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Projects;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary>
/// <c>securebuild gate --sbom FILE --release VERSION</c>: the last step of a release pipeline. Checks the shipped SBOM,
/// re-audits it at the gate's clock, enforces the gate and patch policies, writes evidence and, when the release passes,
/// records it in the ledger. Exits 0 on pass, 1 on failure, 3 on bad input, 4 when a required advisory source is unreachable.
/// </summary>
public static class GateCommand
{
    public static Command Create()
    {
        var sbom = new Option<FileInfo>("--sbom") { Description = "The SBOM of what ships: CycloneDX 1.5/1.6 or SPDX 2.3 JSON (the build writes obj/securebuild/sbom.cdx.json).", Required = true };
        var release = new Option<string>("--release") { Description = "The version being released (recorded in the ledger on success).", Required = true };
        release.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--release must name the version being released; it cannot be empty.");
            }
        });
        var project = new Option<string?>("--project") { Description = "The project name the ledger files the release under (default: the component the SBOM describes)." };
        var policy = new Option<FileInfo?>("--policy") { Description = "The patch policy file (see src/docs/sla.md); default: the built-in policy." };
        var gatePolicy = new Option<FileInfo?>("--gate-policy") { Description = "The gate policy file: licenses, banned packages, advisory data age (see src/docs/gate.md)." };
        var asOf = new Option<string?>("--as-of") { Description = "The gate's clock (ISO 8601 UTC; default: now). Advisories published after it do not count." };
        var build = new Option<string?>("--build") { Description = "A restored project, solution or folder the SBOM must describe: same shipped packages and SHA-512 hashes as its assets files (test projects left out)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and report, but do not record the release." };
        var evidence = new Option<DirectoryInfo?>("--evidence") { Description = "Also write gate-RELEASE.json, .md and .sarif into this folder, whatever the verdict." };
        var actor = new Option<string>("--actor")
        {
            Description = "Who records the release (default: $USER, else 'securebuild').",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "securebuild",
        };
        var ledger = new LedgerOptions();
        var data = new AdvisoryDataOptions();
        var output = new OutputOptions("summary", "json", "markdown", "sarif");
        var command = new Command("gate", "Release gate: check the shipped SBOM, re-audit it at the gate's clock, enforce the gate and patch policies, record the release.")
        {
            sbom, release, project, policy, gatePolicy, asOf, build, dryRun, evidence, actor,
        };
        ledger.AddTo(command);
        data.AddTo(command);
        output.AddTo(command);
        command.SetAction(result => SlaCommand.Run(result, (stdout, stderr) =>
        {
            var clock = result.GetValue(asOf) is { } text ? new StoppedClock(SlaCommand.ParseTime(text, "--as-of")) : TimeProvider.System;
            var now = clock.GetUtcNow();
            var shipped = ShippedSbom.Read(result.GetValue(sbom)!.FullName);
            var rules = result.GetValue(gatePolicy) is { } g ? GatePolicy.Read(g.FullName) : GatePolicy.Default;
            if (result.GetResult(data.MaxAge) is { Implicit: false })
            {
                rules = rules with { MaxAdvisoryAge = TimeSpan.FromDays(result.GetValue(data.MaxAge)) };
            }

            var patchPolicy = SlaCommand.PolicyOf(result, policy);
            var name = result.GetValue(project) ?? shipped.Subject
                ?? throw new SlaCommand.UsageException("The SBOM does not name what it describes; give --project.");
            var store = ledger.Open(result, clock);
            var snapshot = store is JsonFileLedgerStore file && !File.Exists(file.Path) ? LedgerSnapshot.Empty : store.Read();
            var packages = shipped.NuGetPackages();
            var loaded = AdvisorySources.Load(data.OptionsOf(result) with { MaxAge = rules.MaxAdvisoryAge, StaleIsError = true }, packages, now);
            foreach (var notice in loaded.Notices.Where(n => n.Code != DiagnosticCodes.AdvisoryDataStale))
            {
                stderr.WriteLine($"{(notice.IsError ? "error" : "warning")} {notice.Code}: {notice.Message}");
            }

            var shippedProjects = result.GetValue(build) is { } built
                ? ProjectLocator.FindProjects(built)
                    .Select(p => (File: p, Graph: AssetsFileReader.Read(ProjectLocator.AssetsFileOf(p))))
                    .Where(p => !ProjectFileFacts.Read(p.File, p.Graph).IsTestProject)
                    .ToList()
                : null;
            var graphs = shippedProjects?.Select(p => p.Graph).ToList();
            var bypassEvidence = shippedProjects?.Select(p => BypassCheck.LoadEvidence(p.File)).ToList();
            var gate = ReleaseGate.Evaluate(shipped, result.GetValue(release)!, name, rules, patchPolicy, loaded, snapshot, clock, graphs,
                bypassEvidence?.Select(e => e.Evidence).OfType<BypassEvidence>().ToList());
            if (bypassEvidence is not null)
            {
                gate = gate with { Reasons = [.. gate.Reasons, .. bypassEvidence.Select(e => e.Missing).OfType<GateReason>()] };
                // Bypass attempts are security telemetry: the ledger gets them whatever the verdict, unless this is a dry run.
                if (!result.GetValue(dryRun))
                {
                    foreach (var evidence in bypassEvidence.Select(e => e.Evidence).OfType<BypassEvidence>())
                    {
                        store.RecordBypasses(evidence.Project, evidence.Items, result.GetValue(actor)!);
                    }
                }
            }

            if (result.GetValue(evidence) is { } folder)
            {
                Directory.CreateDirectory(folder.FullName);
                var stem = Path.Combine(folder.FullName, $"gate-{string.Concat(gate.Release.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c))}");
                AtomicFile.WriteAllBytes(stem + ".json", GateReport.ToJson(gate));
                AtomicFile.WriteAllText(stem + ".md", GateReport.ToMarkdown(gate));
                AtomicFile.WriteAllBytes(stem + ".sarif", GateReport.ToSarif(gate, ToolVersion));
            }

            output.Write(result, output.FormatOf(result) switch
            {
                "json" => Encoding.UTF8.GetString(GateReport.ToJson(gate)),
                "markdown" => GateReport.ToMarkdown(gate),
                "sarif" => Encoding.UTF8.GetString(GateReport.ToSarif(gate, ToolVersion)),
                _ => GateReport.ToSummary(gate),
            }, stdout);

            if (gate.Passed && !result.GetValue(dryRun))
            {
                // Running the same gate again (a retried pipeline) must not record the release twice: its first
                // recording is what "next release" deadlines count from.
                if (store.Read().Releases.Any(r => r.Version == gate.Release && string.Equals(r.Project, name, StringComparison.Ordinal)))
                {
                    stderr.WriteLine($"Release {gate.Release} of {name} is already recorded in {store.Description}; not recorded again.");
                }
                else
                {
                    store.RecordRelease(new LedgerRelease(gate.Release, now, name, result.GetValue(actor)!));
                    stderr.WriteLine($"Release {gate.Release} of {name} recorded in {store.Description}.");
                }
            }

            return loaded.SourceUnreachable ? ExitCodes.AdvisorySourceUnreachable : gate.Passed ? ExitCodes.Ok : ExitCodes.PolicyViolated;
        }));
        return command;
    }

    private static string ToolVersion => typeof(GateCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
