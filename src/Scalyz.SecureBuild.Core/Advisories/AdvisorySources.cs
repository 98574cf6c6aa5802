using System.Globalization;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>How to gather advisory data for an audit.</summary>
/// <param name="Sources">Any of <c>nuget</c>, <c>embedded</c>, <c>osv-dump</c>, <c>osv-api</c>.</param>
/// <param name="EmbeddedSnapshot">The snapshot shipped in the package (data/advisories.snapshot.json.gz).</param>
/// <param name="CacheFolder">The local cache: imported dumps and osv.dev answers.</param>
/// <param name="MaxAge">Data older than this is reported as stale.</param>
/// <param name="StaleIsError">Report stale data as an error rather than a warning.</param>
/// <param name="FallbackAllowed">When osv.dev cannot be reached: true warns and uses cache and snapshot, false is an error.</param>
/// <param name="ApiTimeToLive">How long an osv.dev answer is trusted.</param>
/// <param name="ApiBaseAddress">The osv.dev API root.</param>
/// <param name="ApiTimeout">How long one osv.dev request may take.</param>
/// <param name="Names">How the user spells the settings in messages: MSBuild properties in a build, options in the CLI.</param>
/// <param name="NuGetRoot">For the <c>nuget</c> source: the folder whose NuGet configuration applies (the project's); null for the current directory.</param>
/// <param name="NuGetConfigFile">For the <c>nuget</c> source: a NuGet configuration file used instead of the search (RestoreConfigFile), or null.</param>
/// <param name="NuGetHttpCache">For the <c>nuget</c> source: NuGet's HTTP cache folder, or null for NuGet's own.</param>
public sealed record AdvisorySourceOptions(
    IReadOnlyList<string> Sources,
    string? EmbeddedSnapshot,
    string CacheFolder,
    TimeSpan MaxAge,
    bool StaleIsError = false,
    bool FallbackAllowed = true,
    TimeSpan? ApiTimeToLive = null,
    Uri? ApiBaseAddress = null,
    TimeSpan? ApiTimeout = null,
    AdvisorySettingNames? Names = null,
    string? NuGetRoot = null,
    string? NuGetConfigFile = null,
    string? NuGetHttpCache = null)
{
    /// <summary>The names used in messages (MSBuild properties unless told otherwise).</summary>
    public AdvisorySettingNames Settings => Names ?? AdvisorySettingNames.MSBuild;

    /// <summary>
    /// The sources used when none are named: the project's NuGet feeds and the embedded snapshot, plus the imported
    /// osv.dev dump once <c>securebuild db update</c> or <c>db import</c> has filled <paramref name="cacheFolder"/>.
    /// The build and the CLI both use it.
    /// </summary>
    public static IReadOnlyList<string> DefaultSources(string cacheFolder) =>
        File.Exists(OsvDumpImporter.CacheFile(cacheFolder)) ? ["nuget", "embedded", "osv-dump"] : ["nuget", "embedded"];

    /// <summary>The source names understood.</summary>
    public static readonly IReadOnlyList<string> KnownSources = ["nuget", "embedded", "osv-dump", "osv-api"];

    /// <summary>The default cache folder: the user's local application data, securebuild/advisories.</summary>
    public static string DefaultCacheFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "securebuild", "advisories");

    /// <summary>Parses a list such as "embedded;osv-api" (separated by ; or ,), refusing unknown names.</summary>
    public static IReadOnlyList<string> ParseSources(string text, string where)
    {
        var names = text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        var unknown = names.Where(n => !KnownSources.Contains(n)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
        {
            throw new InputFileException(DiagnosticCodes.AuditConfigurationInvalid, where,
                $"The advisory sources '{text}' are not valid: use one or more of {string.Join(", ", KnownSources)}, separated by ';'.");
        }

        return names;
    }

    /// <summary>Parses a maximum age: days as a number ("30"), or a TimeSpan ("30.00:00:00").</summary>
    public static TimeSpan ParseMaxAge(string text, string where) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? TimeSpan.FromDays(days)
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span
        : throw new InputFileException(DiagnosticCodes.AuditConfigurationInvalid, where, $"The maximum advisory age '{text}' is not a number of days.");
}

/// <summary>The names of the advisory settings as the user typed them, so every message names something the user can set.</summary>
/// <param name="Sources">The source list (SecureBuildAdvisorySources, --sources).</param>
/// <param name="MaxAge">The maximum age (SecureBuildAdvisoryMaxAge, --max-age).</param>
/// <param name="Unreachable">What to do when osv.dev is unreachable (SecureBuildAdvisoryUnreachable, --unreachable).</param>
/// <param name="Cache">The cache folder (SecureBuildAdvisoryCache, --cache).</param>
public sealed record AdvisorySettingNames(string Sources, string MaxAge, string Unreachable, string Cache)
{
    /// <summary>The MSBuild properties.</summary>
    public static AdvisorySettingNames MSBuild { get; } = new("SecureBuildAdvisorySources", "SecureBuildAdvisoryMaxAge", "SecureBuildAdvisoryUnreachable", "SecureBuildAdvisoryCache");

    /// <summary>The CLI options.</summary>
    public static AdvisorySettingNames Cli { get; } = new("--sources", "--max-age", "--unreachable", "--cache");

    /// <summary>"SecureBuildAdvisoryMaxAge=30" or "--max-age 30".</summary>
    public static string Set(string name, string value) => name.StartsWith("--", StringComparison.Ordinal) ? $"{name} {value}" : $"{name}={value}";
}

/// <summary>A problem with the advisory data, reported with its code; errors fail the build (or the CLI with exit 3 or 4).</summary>
public sealed record AdvisoryNotice(string Code, bool IsError, string Message, string? File = null);

/// <summary>What one source contributed.</summary>
public sealed record AdvisoryDataInfo(string Source, string Location, DateTimeOffset? Date, int Records, string? Attribution);

/// <summary>The outcome of loading: the index to audit with, what each source gave, and any notices.</summary>
public sealed record AdvisoryLoadResult(AdvisoryIndex Index, IReadOnlyList<AdvisoryDataInfo> Data, IReadOnlyList<AdvisoryNotice> Notices)
{
    /// <summary>True when an online source (osv.dev or a NuGet feed) failed and the team did not allow falling back (CLI exit code 4).</summary>
    public bool SourceUnreachable => Notices.Any(n => n.IsError && n.Code is DiagnosticCodes.AdvisorySourceUnreachable or DiagnosticCodes.NuGetSourceFailed);

    /// <summary>True when the audit can be trusted as complete: every source answered, nothing is stale or missing.</summary>
    public bool IsComplete => Notices.Count == 0;

    /// <summary>True when no source gave any data: the packages were not audited at all.</summary>
    public bool NoData => Data.Count == 0;

    /// <summary>True when a configured source gave nothing (missing file, unreachable service or feed): the audit ran on part of its data.</summary>
    public bool MissingData => NoData || Notices.Any(n => n.Code is DiagnosticCodes.AdvisoryDataMissing or DiagnosticCodes.AdvisorySourceUnreachable or DiagnosticCodes.NuGetSourceFailed);
}

/// <summary>Loads the configured advisory sources for a set of packages and combines them into one index.</summary>
public static class AdvisorySources
{
    /// <summary>
    /// Reads the advisories that may affect <paramref name="packages"/> from every configured source. Never returns an
    /// empty index silently: a missing, stale or unreachable source becomes a notice.
    /// </summary>
    public static AdvisoryLoadResult Load(AdvisorySourceOptions options, IReadOnlyCollection<(string Id, string Version)> packages, DateTimeOffset now, HttpClient? http = null)
    {
        var records = new List<OsvRecord>();
        var data = new List<AdvisoryDataInfo>();
        var notices = new List<AdvisoryNotice>();
        var ids = packages.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        NuGetFeedResult? fromFeeds = null;

        var names = options.Settings;
        void FromSnapshot(string source, string path, string missingHelp)
        {
            if (!File.Exists(path))
            {
                notices.Add(new AdvisoryNotice(DiagnosticCodes.AdvisoryDataMissing, false, $"The '{source}' advisory data '{path}' does not exist; {missingHelp}", path));
                return;
            }

            using var snapshot = AdvisorySnapshot.Open(path);
            records.AddRange(snapshot.RecordsFor(ids));
            var date = snapshot.Date;
            // The gate audits at a clock that may lie in the past: only a date after the real time too is impossible.
            if (date > now && date > DateTimeOffset.UtcNow)
            {
                // A date in the future would make any data look fresh; nothing is known about its age then.
                notices.Add(new AdvisoryNotice(DiagnosticCodes.AdvisoryDateInFuture, options.StaleIsError,
                    $"The '{source}' advisory data '{path}' is dated {date.Value.UtcDateTime:yyyy-MM-dd}, in the future: the date was ignored and the data counts as of unknown age. {Refresh(source)}", path));
                date = null;
            }

            data.Add(new AdvisoryDataInfo(source, path, date, snapshot.RecordCount, snapshot.Attribution));
            if (date is { } d && now - d > options.MaxAge)
            {
                notices.Add(new AdvisoryNotice(DiagnosticCodes.AdvisoryDataStale, options.StaleIsError,
                    $"The '{source}' advisory data is dated {d.UtcDateTime:yyyy-MM-dd}, {(int)(now - d).TotalDays} days old, older than the allowed {(int)options.MaxAge.TotalDays} days ({names.MaxAge}): advisories published since are not checked. {Refresh(source)}",
                    path));
            }
        }

        // The advice names what this user can set: the imported dump is used by default once it exists, unless the
        // sources were named explicitly without it.
        string Refresh(string source) => options.Sources.Contains("osv-dump") || source == "osv-dump"
            ? $"Run 'securebuild db update' (or 'securebuild db import' of osv.dev's NuGet all.zip) with {AdvisorySettingNames.Set(names.Cache, options.CacheFolder)}, or update Scalyz.SecureBuild."
            : $"Run 'securebuild db update' (or 'securebuild db import' of osv.dev's NuGet all.zip) and add the imported data with {AdvisorySettingNames.Set(names.Sources, string.Join(";", options.Sources.Append("osv-dump")))}, or update Scalyz.SecureBuild.";

        foreach (var source in options.Sources)
        {
            switch (source)
            {
                case "embedded":
                    FromSnapshot(source, options.EmbeddedSnapshot ?? string.Empty, "the package is damaged; restore it again.");
                    break;
                case "osv-dump":
                    FromSnapshot(source, OsvDumpImporter.CacheFile(options.CacheFolder), $"run 'securebuild db update' (or 'securebuild db import <folder or all.zip>') to import osv.dev's NuGet data into {AdvisorySettingNames.Set(names.Cache, options.CacheFolder)}.");
                    break;
                case "osv-api":
                    LoadFromApi(options, packages, now, http, records, data, notices);
                    break;
                case "nuget":
                    fromFeeds = LoadFromNuGet(options, ids, now, data, notices);
                    break;
            }
        }

        if (fromFeeds is not null)
        {
            // The feeds decide which versions are affected; the OSV data of the other sources adds dates, aliases, CVSS and fixes.
            var (feedRecords, replaced) = NuGetVulnerabilityFeed.ToRecords(fromFeeds.Vulnerabilities, records);
            records.RemoveAll(r => replaced.Contains(r.Id));
            records.AddRange(feedRecords);
        }

        if (data.Count == 0)
        {
            notices.Add(new AdvisoryNotice(DiagnosticCodes.AdvisoryDataMissing, true,
                $"No advisory data could be loaded from the sources '{string.Join(";", options.Sources)}' ({names.Sources}), so the dependencies were NOT audited: this is not a clean result."));
        }

        return new AdvisoryLoadResult(AdvisoryIndex.Build(records), data, notices);
    }

    private static NuGetFeedResult? LoadFromNuGet(AdvisorySourceOptions options, IReadOnlyList<string> ids, DateTimeOffset now, List<AdvisoryDataInfo> data, List<AdvisoryNotice> notices)
    {
        var root = Path.GetFullPath(options.NuGetRoot ?? Environment.CurrentDirectory);
        var others = options.Sources.Where(s => s != "nuget").ToList();
        var instead = others.Count > 0 ? $"the audit used the {string.Join(" and ", others)} data instead" : "no other advisory source is configured";
        NuGetFeedResult result;
        try
        {
            result = NuGetVulnerabilityFeed.Read(root, options.NuGetConfigFile, options.NuGetHttpCache, ids);
        }
        catch (InputFileException e)
        {
            notices.Add(new AdvisoryNotice(e.Code, !options.FallbackAllowed, $"{e.Message} ({instead}).", e.FilePath));
            return null;
        }

        foreach (var failure in result.Failures)
        {
            notices.Add(new AdvisoryNotice(DiagnosticCodes.NuGetSourceFailed, !options.FallbackAllowed,
                options.FallbackAllowed
                    ? $"The NuGet source {failure.Source} could not give its vulnerability data ({failure.Problem}); {instead}, which may miss advisories the feed knows."
                    : $"The NuGet source {failure.Source} could not give its vulnerability data ({failure.Problem}) and SecureBuildAdvisoryUnreachable=fail does not allow going on without it."));
        }

        if (result.SourcesWithData.Count == 0 && result.Failures.Count == 0)
        {
            var kind = result.UsedAuditSources ? "auditSources" : "enabled package sources";
            var listed = result.SourcesWithoutResource.Count == 0 ? "none" : string.Join(", ", result.SourcesWithoutResource);
            notices.Add(new AdvisoryNotice(DiagnosticCodes.NuGetVulnerabilityDataUnavailable, false,
                $"None of the {kind} in the NuGet configuration of '{root}' ({listed}) offers vulnerability data (VulnerabilityInfo), so the 'nuget' advisory source has nothing; {instead}. Add an <auditSources> entry (for example https://api.nuget.org/v3/index.json) to nuget.config, or leave 'nuget' out of SecureBuildAdvisorySources."));
            return null;
        }

        if (result.SourcesWithData.Count > 0)
        {
            var advisories = result.Vulnerabilities.Select(v => v.AdvisoryId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            data.Add(new AdvisoryDataInfo("nuget", string.Join(", ", result.SourcesWithData), now, advisories, null));
        }

        return result;
    }

    private static void LoadFromApi(
        AdvisorySourceOptions options, IReadOnlyCollection<(string Id, string Version)> packages, DateTimeOffset now, HttpClient? http,
        List<OsvRecord> records, List<AdvisoryDataInfo> data, List<AdvisoryNotice> notices)
    {
        var ownClient = http is null;
        http ??= new HttpClient { Timeout = options.ApiTimeout ?? TimeSpan.FromSeconds(30) };
        var baseAddress = options.ApiBaseAddress ?? OsvApiClient.DefaultBaseAddress;
        var client = new OsvApiClient(http, baseAddress, options.CacheFolder, options.ApiTimeToLive ?? TimeSpan.FromHours(24));
        try
        {
            var found = client.Query(packages, now);
            records.AddRange(found);
            data.Add(new AdvisoryDataInfo("osv-api", baseAddress.ToString(), now, found.Count, "osv.dev"));
        }
        catch (AdvisorySourceUnavailableException e)
        {
            var cached = client.CachedRecords(packages);
            records.AddRange(cached);
            var fallback = options.Sources.Where(s => s != "osv-api").ToList();
            notices.Add(new AdvisoryNotice(DiagnosticCodes.AdvisorySourceUnreachable, !options.FallbackAllowed,
                options.FallbackAllowed
                    ? $"osv.dev could not be used ({e.Message}); the audit used {cached.Count} cached osv.dev record(s){(fallback.Count > 0 ? " and the " + string.Join(" and ", fallback) + " data" : string.Empty)} instead, which may miss recent advisories."
                    : $"osv.dev could not be used ({e.Message}) and {AdvisorySettingNames.Set(options.Settings.Unreachable, "fail")} does not allow falling back to cached data."));
            if (cached.Count > 0)
            {
                var newest = cached.Max(r => r.Modified);
                data.Add(new AdvisoryDataInfo("osv-api (cache)", options.CacheFolder, newest > now && newest > DateTimeOffset.UtcNow ? null : newest, cached.Count, "osv.dev"));
            }
        }
        finally
        {
            if (ownClient)
            {
                http.Dispose();
            }
        }
    }
}
