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
        var command = new Command("db", "Manage the local advisory data: download or import osv.dev's NuGet dump, show what is loaded.");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateUpdate());
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

    private static Command CreateUpdate()
    {
        var url = new Option<string>("--url")
        {
            Description = $"Where to download the dump from (a mirror, or a test server). Default: {OsvDumpUpdater.DefaultAddress}",
            DefaultValueFactory = _ => OsvDumpUpdater.DefaultAddress.ToString(),
        };
        var timeout = new Option<int>("--timeout") { Description = "Seconds the whole download may take.", DefaultValueFactory = _ => 600 };
        var data = new AdvisoryDataOptions();
        var command = new Command("update", "Download osv.dev's NuGet dump and import it (conditional: an unchanged dump is not downloaded again; the previous import stays if anything is wrong).")
        {
            url, timeout, data.Cache,
        };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            var cache = data.CacheOf(result);
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                stderr.WriteLine($"error {DiagnosticCodes.AuditConfigurationInvalid}: --url '{result.GetValue(url)}' is not an http(s) address.");
                return ExitCodes.UsageError;
            }

            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, result.GetValue(timeout))) };
                stderr.WriteLine($"Downloading {address} ...");
                var shown = -1L;
                var update = OsvDumpUpdater.Update(http, address, cache, (received, total) =>
                {
                    // One line per 10% (or per 5 MB when the size is unknown) keeps a CI log short.
                    var step = total is > 0 ? received * 10 / total.Value : received / (5 * 1024 * 1024);
                    if (step != shown)
                    {
                        shown = step;
                        stderr.WriteLine(total is > 0
                            ? string.Create(CultureInfo.InvariantCulture, $"  {received / 1024.0 / 1024.0:0.0} of {total.Value / 1024.0 / 1024.0:0.0} MB ({received * 100 / total.Value}%)")
                            : string.Create(CultureInfo.InvariantCulture, $"  {received / 1024.0 / 1024.0:0.0} MB"));
                    }
                }, DateTimeOffset.UtcNow);
                if (update.NotModified)
                {
                    stdout.WriteLine($"The advisory data is current: {address} has not changed since the last update; {OsvDumpImporter.CacheFile(cache)} was kept.");
                    return ExitCodes.Ok;
                }

                Report(update.Imported!, cache, stdout, stderr);
                return ExitCodes.Ok;
            }
            catch (AdvisorySourceUnavailableException e)
            {
                stderr.WriteLine($"error {DiagnosticCodes.AdvisorySourceUnreachable}: {e.Message}. The previous import was kept; run 'securebuild db update' again, use --url for a mirror, or 'securebuild db import' a downloaded all.zip.");
                return ExitCodes.AdvisorySourceUnreachable;
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
