using System.CommandLine;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild sla report</c>: the security lead's view of every project in the ledger.</summary>
public static class SlaReportCommand
{
    private static readonly Dictionary<string, DeadlineStatus[]> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [DeadlineStatus.Breached, DeadlineStatus.DueSoon, DeadlineStatus.Ok, DeadlineStatus.Accepted],
        ["breached"] = [DeadlineStatus.Breached],
        ["due-soon"] = [DeadlineStatus.DueSoon],
        ["ok"] = [DeadlineStatus.Ok],
        ["accepted"] = [DeadlineStatus.Accepted],
        ["fixed"] = [DeadlineStatus.Fixed],
    };

    public static Command Create()
    {
        var ledger = new LedgerOptions();
        var output = new OutputOptions("table", "json", "csv", "markdown", "html");
        var policy = new Option<FileInfo?>("--policy") { Description = "The patch policy file (JSON, see src/docs/sla.md). Default: the built-in policy." };
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate deadlines at this UTC date or time (ISO 8601) instead of now." };
        var projects = SlaCommand.ListOption("--project", "Only these projects (repeat or comma-separate).");
        var severities = SlaCommand.ListOption("--severity", "Only these severities: critical, high, moderate, low, unknown.");
        var statuses = SlaCommand.ListOption("--status", "Only these statuses: open, breached, due-soon, ok, accepted, fixed.");
        var failOnBreach = new Option<bool>("--fail-on-breach") { Description = "Exit with code 1 when a shown finding is past its deadline." };
        var command = new Command("report", "Open findings with their due dates, what is overdue and by how long, time to remediate per severity, and accepted risks, across every project in the ledger.")
        {
            policy, asOf, projects, severities, statuses, failOnBreach,
        };
        ledger.AddTo(command);
        output.AddTo(command);
        command.SetAction(result => SlaCommand.Run(result, (stdout, _) =>
        {
            var clock = result.GetValue(asOf) is { } text ? new StoppedClock(SlaCommand.ParseTime(text, "--as-of")) : TimeProvider.System;
            var filter = new SlaReportFilter(
                SlaCommand.ListOf(result, projects),
                SlaCommand.ListOf(result, severities).Select(ParseSeverity).ToList(),
                SlaCommand.ListOf(result, statuses).SelectMany(ParseStatus).ToHashSet());
            var thePolicy = SlaCommand.PolicyOf(result, policy);
            var store = ledger.OpenExisting(result, clock);
            var report = SlaReport.Build(store.Read(), store.Description, thePolicy, clock, filter);
            output.Write(result, SlaReportRenderer.Render(report, output.FormatOf(result)), stdout);
            return result.GetValue(failOnBreach) && report.Count(DeadlineStatus.Breached) > 0 ? ExitCodes.PolicyViolated : ExitCodes.Ok;
        }));
        return command;
    }

    private static AdvisorySeverity ParseSeverity(string text) =>
        LedgerJson.TryParseSeverity(text, out var severity)
            ? severity
            : throw new SlaCommand.UsageException($"--severity '{text}' is not one of critical, high, moderate, low, unknown.");

    private static DeadlineStatus[] ParseStatus(string text) =>
        StatusNames.TryGetValue(text, out var statuses)
            ? statuses
            : throw new SlaCommand.UsageException($"--status '{text}' is not one of {string.Join(", ", StatusNames.Keys)}.");
}
