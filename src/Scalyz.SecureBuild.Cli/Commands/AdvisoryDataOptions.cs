using System.CommandLine;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary>The options that choose advisory data, shared by <c>audit</c> and <c>db</c>.</summary>
internal sealed class AdvisoryDataOptions
{
    public Option<string?> Sources { get; } = new("--sources") { Description = "Advisory sources, separated by ';': nuget, embedded, osv-dump, osv-api. Default: nuget;embedded, plus osv-dump once 'securebuild db update' or 'db import' has run." };

    public Option<string?> NuGetConfig { get; } = new("--nuget-config") { Description = "For the nuget source: the NuGet configuration file to use instead of the one that applies to the audited project (as restore's --configfile)." };

    public Option<string?> Cache { get; } = new("--cache") { Description = "The advisory cache folder (imported dumps, osv.dev answers). Default: the user's local data folder, securebuild/advisories." };

    public Option<int> MaxAge { get; } = new("--max-age") { Description = "Advisory data older than this many days is reported as stale.", DefaultValueFactory = _ => 30 };

    public Option<string> Stale { get; } = new("--stale") { Description = "How stale data is reported: warn or error.", DefaultValueFactory = _ => "warn" };

    public Option<string> Unreachable { get; } = new("--unreachable") { Description = "When osv.dev cannot be reached: warn (use cache and snapshot) or fail (exit 4).", DefaultValueFactory = _ => "warn" };

    public Option<string?> Api { get; } = new("--api") { Description = "The osv.dev API root (default https://api.osv.dev/); for a mirror or proxy." };

    /// <summary>Where the tool's own copy of the embedded snapshot is: data/ next to the tool's assembly.</summary>
    public static string EmbeddedSnapshot => Path.Combine(AppContext.BaseDirectory, "data", "advisories.snapshot.json.gz");

    public void AddTo(Command command)
    {
        // Bad values are usage errors (exit 2), found while parsing, before any work is done.
        MaxAge.Validators.Add(r =>
        {
            // A value that is no number at all is reported by the parser itself.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var days) && days < 0)
            {
                r.AddError($"--max-age must be 0 or more days, not {days}.");
            }
        });
        Sources.Validators.Add(r =>
        {
            try
            {
                AdvisorySourceOptions.ParseSources(r.GetValueOrDefault<string?>() ?? string.Empty, "--sources");
            }
            catch (InputFileException e)
            {
                r.AddError($"--sources: {e.Message}");
            }
        });
        Stale.AcceptOnlyFromAmong("warn", "error");
        Unreachable.AcceptOnlyFromAmong("warn", "fail");
        command.Options.Add(Sources);
        command.Options.Add(Cache);
        command.Options.Add(MaxAge);
        command.Options.Add(Stale);
        command.Options.Add(Unreachable);
        command.Options.Add(Api);
        command.Options.Add(NuGetConfig);
    }

    public string CacheOf(ParseResult result) => result.GetValue(Cache) is { Length: > 0 } cache ? Path.GetFullPath(cache) : AdvisorySourceOptions.DefaultCacheFolder;

    private Uri? ApiOf(ParseResult result) => result.GetValue(Api) switch
    {
        null or "" => null,
        var text when Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => uri,
        var text => throw new InputFileException(DiagnosticCodes.AuditConfigurationInvalid, "--api", $"'{text}' is not an http(s) address."),
    };

    /// <param name="result">The parsed command line.</param>
    /// <param name="nuGetRoot">For the nuget source: the folder whose NuGet configuration applies (the audited project's); null for the current directory.</param>
    public AdvisorySourceOptions OptionsOf(ParseResult result, string? nuGetRoot = null)
    {
        var cache = CacheOf(result);
        var sources = result.GetValue(Sources) is { Length: > 0 } given ? AdvisorySourceOptions.ParseSources(given, "--sources")
            : AdvisorySourceOptions.DefaultSources(cache);
        return new(
        sources,
        EmbeddedSnapshot,
        cache,
        TimeSpan.FromDays(result.GetValue(MaxAge)),
        StaleIsError: result.GetValue(Stale) == "error",
        FallbackAllowed: result.GetValue(Unreachable) != "fail",
        ApiBaseAddress: ApiOf(result),
        ApiTimeout: TimeSpan.FromSeconds(20),
        Names: AdvisorySettingNames.Cli,
        NuGetRoot: nuGetRoot,
        NuGetConfigFile: result.GetValue(NuGetConfig) is { Length: > 0 } config ? Path.GetFullPath(config) : null);
    }
}
