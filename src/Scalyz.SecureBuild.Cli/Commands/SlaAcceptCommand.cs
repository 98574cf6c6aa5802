using System.CommandLine;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild sla accept ADVISORY</c>: records a residual-risk decision in the ledger.</summary>
public static class SlaAcceptCommand
{
    public static Command Create()
    {
        var ledger = new LedgerOptions();
        var advisory = new Argument<string>("ADVISORY") { Description = "The advisory ID (for example GHSA-xxxx-xxxx-xxxx)." };
        var reason = new Option<string>("--reason") { Description = "Why the risk is accepted (kept as audit evidence).", Required = true };
        var until = new Option<string>("--until") { Description = "When the acceptance expires (ISO 8601 UTC; a date means 00:00Z that day). After it, the finding is a breach again.", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who accepts the risk.", Required = true };
        var project = new Option<string?>("--project") { Description = "Only in this project (default: every project)." };
        var package = new Option<string?>("--package") { Description = "Only in this package (default: every package)." };
        var force = new Option<bool>("--force") { Description = "Accept an advisory that neither the ledger nor the advisory data knows (for example one published after the data)." };
        var command = new Command("accept", "Record a risk acceptance: the advisory's deadline is suppressed until the acceptance expires.")
        {
            advisory, reason, until, actor, project, package, force,
        };
        ledger.AddTo(command);
        command.SetAction(result => SlaCommand.Run(result, (stdout, _) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var expiry = SlaCommand.ParseTime(result.GetValue(until)!, "--until");
            if (expiry <= now)
            {
                throw new SlaCommand.UsageException($"--until {ScanMerge.Iso(expiry)} is not in the future.");
            }

            var text = result.GetValue(reason)!.Trim();
            var who = result.GetValue(actor)!.Trim();
            if (text.Length == 0 || who.Length == 0)
            {
                throw new SlaCommand.UsageException("--reason and --actor must not be empty: an acceptance is audit evidence.");
            }

            var acceptance = new RiskAcceptance(result.GetValue(advisory)!.Trim(), result.GetValue(project), result.GetValue(package), who, text, expiry, now);
            var store = ledger.Open(result, TimeProvider.System);
            // A typo in the ID would be an acceptance that never applies, recorded as if a risk had been weighed.
            if (!result.GetValue(force) && !IsKnown(acceptance.AdvisoryId, store))
            {
                throw new SlaCommand.UsageException($"The advisory '{acceptance.AdvisoryId}' is in neither the ledger nor the advisory data (embedded snapshot, imported osv.dev dump); check the ID, or pass --force to accept it anyway.");
            }

            store.AcceptRisk(acceptance);
            stdout.WriteLine($"Accepted {acceptance.AdvisoryId} in {acceptance.Project ?? "every project"} ({acceptance.PackageId ?? "every package"}) until {ScanMerge.Iso(expiry)} by {who}; recorded in {store.Description}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool IsKnown(string advisoryId, ILedgerStore store)
    {
        bool Names(string id, IEnumerable<string> aliases) =>
            string.Equals(id, advisoryId, StringComparison.OrdinalIgnoreCase) || aliases.Contains(advisoryId, StringComparer.OrdinalIgnoreCase);

        if (store.Read().Findings.Any(f => Names(f.Finding.AdvisoryId, f.Finding.Aliases)))
        {
            return true;
        }

        var dump = OsvDumpImporter.CacheFile(AdvisorySourceOptions.DefaultCacheFolder);
        foreach (var data in new[] { AdvisoryDataOptions.EmbeddedSnapshot, dump }.Where(File.Exists))
        {
            using var snapshot = AdvisorySnapshot.Open(data);
            if (snapshot.AllRecords().Any(r => Names(r.Id, r.Aliases)))
            {
                return true;
            }
        }

        return false;
    }
}
