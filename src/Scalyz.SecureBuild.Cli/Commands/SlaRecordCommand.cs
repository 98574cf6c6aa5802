using System.CommandLine;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild sla record FINDINGS</c>: records a complete audit result in the ledger (for CI steps).</summary>
public static class SlaRecordCommand
{
    public static Command Create()
    {
        var ledger = new LedgerOptions();
        var findings = new Argument<FileInfo>("FINDINGS") { Description = "A findings file (JSON: {\"findings\": [...]}, see src/docs/sla.md)." };
        var projects = SlaCommand.ListOption("--project", "Projects this audit covered, also when they had no finding (their open findings are then marked fixed).");
        var actor = new Option<string>("--actor")
        {
            Description = "Who records (default: $USER, else 'securebuild').",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "securebuild",
        };
        var command = new Command("record", "Record the complete audit of one or more projects: new findings are opened, findings no longer seen are marked fixed.")
        {
            findings, projects, actor,
        };
        ledger.AddTo(command);
        command.SetAction(result => SlaCommand.Run(result, (stdout, _) =>
        {
            var scanned = SlaFindingsFile.Read(result.GetValue(findings)!.FullName);
            var covered = scanned.Select(f => f.Project).Concat(SlaCommand.ListOf(result, projects)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var store = ledger.Open(result, TimeProvider.System);
            foreach (var project in covered)
            {
                var recorded = store.RecordScan(project, scanned.Where(f => f.Project == project).ToList(), result.GetValue(actor)!);
                stdout.WriteLine($"{project}: {recorded.Count} open findings recorded in {store.Description}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
