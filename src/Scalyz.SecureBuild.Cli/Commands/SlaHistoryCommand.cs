using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core.Ledger;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild sla history</c>: the append-only record of every state change, oldest first.</summary>
public static class SlaHistoryCommand
{
    public static Command Create()
    {
        var ledger = new LedgerOptions();
        var output = new OutputOptions("table", "json");
        var projects = SlaCommand.ListOption("--project", "Only these projects (repeat or comma-separate).");
        var advisories = SlaCommand.ListOption("--advisory", "Only these advisories (repeat or comma-separate).");
        var command = new Command("history", "Every change of the ledger (opened, fixed, reopened, version and severity changes, releases, risk acceptances) with time and actor.")
        {
            projects, advisories,
        };
        ledger.AddTo(command);
        output.AddTo(command);
        command.SetAction(result => SlaCommand.Run(result, (stdout, _) =>
        {
            var projectFilter = SlaCommand.ListOf(result, projects);
            var advisoryFilter = SlaCommand.ListOf(result, advisories);
            var entries = ledger.OpenExisting(result, TimeProvider.System).Read().History
                .Where(h => projectFilter.Count == 0 || (h.Project is not null && projectFilter.Contains(h.Project)))
                .Where(h => advisoryFilter.Count == 0 || (h.AdvisoryId is not null && advisoryFilter.Contains(h.AdvisoryId, StringComparer.OrdinalIgnoreCase)))
                .ToList();
            output.Write(result, output.FormatOf(result) == "json" ? Json(entries) : Table(entries), stdout);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Table(List<HistoryEntry> entries)
    {
        if (entries.Count == 0)
        {
            return "(no history)\n";
        }

        var table = new TextTable("At", "Actor", "Change", "Advisory", "Package", "Project", "Detail");
        foreach (var h in entries)
        {
            table.AddRow(ScanMerge.Iso(h.At), h.Actor, h.Kind.ToString(), h.AdvisoryId ?? "-", h.PackageId ?? "-", h.Project ?? "-", h.Detail);
        }

        return table.ToString();
    }

    private static string Json(List<HistoryEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("history");
            foreach (var h in entries)
            {
                w.WriteStartObject();
                w.WriteString("at", ScanMerge.Iso(h.At));
                w.WriteString("actor", h.Actor);
                w.WriteString("kind", h.Kind.ToString());
                w.WriteString("advisory", h.AdvisoryId);
                w.WriteString("package", h.PackageId);
                w.WriteString("project", h.Project);
                w.WriteString("detail", h.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
