using System.CommandLine;
using System.Globalization;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild db import PATH</c> and <c>securebuild db info</c>: the local advisory data.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Manage the local advisory data: import an osv.dev dump, show what is loaded.");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateInfo());
        return command;
    }

    private static Command CreateImport()
    {
        var path = new Argument<string>("PATH") { Description = "A folder of OSV JSON records, or osv.dev's NuGet all.zip (https://osv-vulnerabilities.storage.googleapis.com/NuGet/all.zip)." };
        var data = new AdvisoryDataOptions();
        var command = new Command("import", "Import OSV records into the local cache (checked first; the previous import stays if anything is wrong).") { path, data.Cache };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            try
            {
                var cache = data.CacheOf(result);
                var imported = OsvDumpImporter.Import(result.GetValue(path)!, cache);
                Report(imported, cache, stdout, stderr);
                return ExitCodes.Ok;
            }
            catch (InputFileException e)
            {
                stderr.WriteLine($"error {e.Code}: {e.Describe()}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    // What an import or update did, and each record whose future date was ignored (SSB0207).
    internal static void Report(OsvImportResult imported, string cache, TextWriter stdout, TextWriter stderr)
    {
        foreach (var id in imported.FutureDated)
        {
            stderr.WriteLine($"warning {DiagnosticCodes.AdvisoryDateInFuture}: The advisory record {id} is modified in the future; it was imported, but its date was ignored, so the data is dated no later than the import.");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported {imported.Kept} NuGet advisories (of {imported.Read} records) dated {imported.Date:yyyy-MM-dd} into {OsvDumpImporter.CacheFile(cache)}."));
    }

    private static Command CreateInfo()
    {
        var data = new AdvisoryDataOptions();
        var command = new Command("info", "Show the advisory data available: embedded snapshot, imported dump, osv.dev cache, with dates and ages.") { data.Cache, data.MaxAge };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            var cache = data.CacheOf(result);
            var maxAge = result.GetValue(data.MaxAge);
            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("Source", "Location", "Records", "Packages", "Date", "Age (days)", "Status");
            var broken = false;
            foreach (var (source, file) in new[] { ("embedded", AdvisoryDataOptions.EmbeddedSnapshot), ("osv-dump", OsvDumpImporter.CacheFile(cache)) })
            {
                if (!File.Exists(file))
                {
                    table.AddRow(source, file, "-", "-", "-", "-", source == "embedded" ? "missing (SSB0200)" : "not imported");
                    broken |= source == "embedded";
                    continue;
                }

                try
                {
                    using var snapshot = AdvisorySnapshot.Open(file);
                    var age = snapshot.Date is { } d ? (int)(now - d).TotalDays : (int?)null;
                    var future = snapshot.Date > now;
                    table.AddRow(source, file, snapshot.RecordCount.ToString(CultureInfo.InvariantCulture), snapshot.PackageCount.ToString(CultureInfo.InvariantCulture),
                        snapshot.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", future || age is null ? "unknown" : age.Value.ToString(CultureInfo.InvariantCulture),
                        future ? $"dated in the future, age unknown ({DiagnosticCodes.AdvisoryDateInFuture}): re-import"
                        : age is null ? $"undated, age unknown: re-import"
                        : age > maxAge ? $"stale (older than {maxAge} days, SSB0202)" : "ok");
                    broken |= future;
                }
                catch (InputFileException e)
                {
                    table.AddRow(source, file, "-", "-", "-", "-", $"unreadable ({e.Code})");
                    stderr.WriteLine($"error {e.Code}: {e.Describe()}");
                    broken = true;
                }
            }

            var api = Path.Combine(cache, "osv-api", "vulns");
            var cachedRecords = Directory.Exists(api) ? Directory.GetFiles(api, "*.json").Length : 0;
            table.AddRow("osv-api", Path.Combine(cache, "osv-api"), cachedRecords.ToString(CultureInfo.InvariantCulture), "-", "-", "-", cachedRecords == 0 ? "no cached answers" : "cache");
            stdout.Write(table.ToString());
            stdout.WriteLine();
            stdout.WriteLine($"Attribution: {AdvisorySnapshot.GitHubAttribution}.");
            return broken ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }
}
