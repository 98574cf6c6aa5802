namespace Scalyz.SecureBuild.Core;

/// <summary>
/// Diagnostic codes reported by the MSBuild tasks and the CLI (SSB0xxx tool, SSB3xxx SBOM and gate,
/// SSB4xxx advisories, SSB5xxx patch deadlines). Analyzer IDs live in the analyzer assembly.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The MSBuild that runs the build is not the .NET one; the tasks need <c>dotnet build</c>.</summary>
    public const string UnsupportedMSBuildRuntime = "SSB0001";

    /// <summary>The NuGet assets file (obj/project.assets.json) does not exist.</summary>
    public const string AssetsFileMissing = "SSB0002";

    /// <summary>The NuGet assets file exists but cannot be read as one.</summary>
    public const string AssetsFileInvalid = "SSB0003";

    /// <summary>An output file (dependency graph, SBOM, report) could not be written.</summary>
    public const string OutputNotWritable = "SSB0004";

    /// <summary>A path given to the tool (project, solution, folder, SBOM) does not exist or holds no project.</summary>
    public const string InputNotFound = "SSB0005";

    /// <summary>A solution file cannot be read.</summary>
    public const string SolutionInvalid = "SSB0006";

    /// <summary>The command-line tool failed unexpectedly (a bug); it printed one line instead of a stack trace.</summary>
    public const string InternalError = "SSB0007";

    /// <summary>A package's nuspec in the package folder cannot be read, so its license and supplier are missing from the SBOM.</summary>
    public const string NuspecInvalid = "SSB0100";

    /// <summary>Packages of the graph are not in the package folders, so the SBOM lacks their license, supplier and description.</summary>
    public const string SbomPackageMetadataMissing = "SSB3001";

    /// <summary>The assets file has no graph for the runtime identifier the SBOM should describe.</summary>
    public const string SbomRuntimeGraphMissing = "SSB3002";

    /// <summary>An SBOM setting (format, timestamp) has a value SecureBuild does not know.</summary>
    public const string SbomSettingInvalid = "SSB3003";

    /// <summary>The SBOM given to the release gate is truncated, not JSON, or not CycloneDX 1.5/1.6 or SPDX 2.3.</summary>
    public const string GateSbomInvalid = "SSB3100";

    /// <summary>The gate policy file cannot be read or has a wrong, unknown or out-of-range field.</summary>
    public const string GatePolicyInvalid = "SSB3101";

    /// <summary>The gated SBOM lacks an NTIA minimum element (author, timestamp, supplier, name, version, relationships).</summary>
    public const string GateNtiaElementMissing = "SSB3102";

    /// <summary>A component of the gated SBOM has no purl, no hash or a malformed or weak hash.</summary>
    public const string GateComponentUnidentified = "SSB3103";

    /// <summary>A component's license expression has no choice the gate policy allows.</summary>
    public const string GateLicenseDenied = "SSB3104";

    /// <summary>A component is a package or version the gate policy bans.</summary>
    public const string GatePackageBanned = "SSB3105";

    /// <summary>A shipped package has a CRITICAL advisory published at or before the gate and no active risk acceptance.</summary>
    public const string GateCriticalAdvisory = "SSB3106";

    /// <summary>A shipped package's advisory is past its patch deadline and no active risk acceptance covers it.</summary>
    public const string GateDeadlineBreached = "SSB3107";

    /// <summary>The advisory data for the gate's re-audit is missing, undated or older than the gate policy allows.</summary>
    public const string GateAdvisoryDataUnusable = "SSB3108";

    /// <summary>The gated SBOM does not describe the build given with --build: a package is missing, extra or has another hash.</summary>
    public const string GateSbomMismatch = "SSB3109";

    /// <summary>The patch policy file (SecureBuildSlaPolicyFile, --policy) does not exist or cannot be read.</summary>
    public const string SlaPolicyNotFound = "SSB0301";

    /// <summary>The patch policy file is not valid JSON or has a wrong, unknown or out-of-range field.</summary>
    public const string SlaPolicyInvalid = "SSB0302";

    /// <summary>The findings ledger file is not valid JSON or has a wrong field.</summary>
    public const string LedgerInvalid = "SSB0303";

    /// <summary>The findings ledger stayed locked by another writer for longer than the wait limit.</summary>
    public const string LedgerBusy = "SSB0304";

    /// <summary>The findings ledger database cannot be reached, or its connection string is missing or wrong.</summary>
    public const string LedgerDatabaseUnavailable = "SSB0305";

    /// <summary>A findings input file (the audit's findings handed to the deadline check) is missing or invalid.</summary>
    public const string SlaFindingsInvalid = "SSB0306";

    /// <summary>An open finding is past its patch deadline (and no unexpired risk acceptance covers it).</summary>
    public const string DeadlineBreached = "SSB5001";

    /// <summary>An open finding falls due within the policy's warning lead time.</summary>
    public const string DeadlineDueSoon = "SSB5002";

    /// <summary>A finding past or near its deadline is covered by an unexpired risk acceptance (reported as a message).</summary>
    public const string DeadlineRiskAccepted = "SSB5003";
    /// <summary>No advisory data could be loaded at all (embedded snapshot, imported dump and cache all missing).</summary>
    public const string AdvisoryDataMissing = "SSB0200";

    /// <summary>An advisory record, snapshot or dump cannot be read (bad JSON, missing id, bad range, bad version).</summary>
    public const string AdvisoryDataInvalid = "SSB0201";

    /// <summary>The advisory data is older than SecureBuildAdvisoryMaxAge.</summary>
    public const string AdvisoryDataStale = "SSB0202";

    /// <summary>An online advisory source (osv.dev) could not be reached or answered badly; the cache and snapshot were used instead.</summary>
    public const string AdvisorySourceUnreachable = "SSB0203";

    /// <summary>An advisory archive was refused as unsafe (entry escaping the folder, too large, too many entries).</summary>
    public const string AdvisoryArchiveRejected = "SSB0204";

    /// <summary>The audit configuration is wrong: unknown source, level or mode, a suppression without justification or with a bad date.</summary>
    public const string AuditConfigurationInvalid = "SSB0205";

    /// <summary>An advisory import (db import, db update) yielded no NuGet advisory, so it was refused and the previous import kept.</summary>
    public const string AdvisoryImportEmpty = "SSB0206";

    /// <summary>An advisory record or data file is dated in the future; its date was ignored so it cannot make stale data look fresh.</summary>
    public const string AdvisoryDateInFuture = "SSB0207";

    /// <summary>A package the audit cannot evaluate: unparseable version, a declared dependency missing from the graph, an assets file without targets.</summary>
    public const string PackageNotEvaluable = "SSB0208";

    /// <summary>The audit did not run or ran on missing data: its findings were not handed to the ledger or the patch-deadline check.</summary>
    public const string AuditIncomplete = "SSB0209";
    /// <summary>The 'nuget' advisory source found no configured NuGet source offering vulnerability data (as NuGet's NU1905); the other sources were used.</summary>
    public const string NuGetVulnerabilityDataUnavailable = "SSB0220";

    /// <summary>A NuGet source's vulnerability data could not be read (unreachable, refused, bad answer); the other sources were used.</summary>
    public const string NuGetSourceFailed = "SSB0221";

    /// <summary>The NuGet configuration of the project cannot be read, so the 'nuget' advisory source was not used.</summary>
    public const string NuGetConfigurationInvalid = "SSB0222";

    /// <summary>A finding's patch clock start is unknown (no publication date, no ledger), so no deadline is computed for it.</summary>
    public const string DeadlineClockStartUnknown = "SSB0223";

    /// <summary>A package version has a low-severity advisory (as NuGet's NU1901).</summary>
    public const string AdvisoryLow = "SSB4001";

    /// <summary>A package version has a moderate-severity advisory (as NuGet's NU1902).</summary>
    public const string AdvisoryModerate = "SSB4002";

    /// <summary>A package version has a high-severity advisory (as NuGet's NU1903).</summary>
    public const string AdvisoryHigh = "SSB4003";

    /// <summary>A package version has a critical advisory (as NuGet's NU1904).</summary>
    public const string AdvisoryCritical = "SSB4004";

    /// <summary>An advisory finding is suppressed by a justified SecureBuildSuppress item; shown as a message.</summary>
    public const string AdvisorySuppressed = "SSB4005";

    /// <summary>A SecureBuildSuppress item has expired; the finding it covered is reported again.</summary>
    public const string AdvisorySuppressionExpired = "SSB4006";

    /// <summary>An SSB rule is suppressed (pragma, SuppressMessage, analyzer config, NoWarn, ...) without a written reason (src/docs/bypass.md).</summary>
    public const string BypassRuleSuppressed = "SSB0400";

    /// <summary>A protection is switched off or weakened (SecureBuildAudit=false, a raised audit level, ...); switches carry no reason.</summary>
    public const string BypassSwitchedOff = "SSB0401";

    /// <summary>A SecureBuildSuppress item has no written justification, no expiry, or has expired.</summary>
    public const string BypassAuditSuppressionUnjustified = "SSB0402";

    /// <summary>A justified bypass, listed as a message so the build log shows every weakening.</summary>
    public const string BypassJustified = "SSB0403";

    /// <summary>A file the bypass collection must read (source, analyzer config, evidence) cannot be read.</summary>
    public const string BypassInputUnreadable = "SSB0404";

    /// <summary>The gated build carries a bypass without an accepted reason that the gate policy does not allow.</summary>
    public const string GateBypassUnjustified = "SSB3120";

    /// <summary>A project of the gated build has no readable bypass evidence (obj/securebuild/bypasses.json).</summary>
    public const string GateBypassEvidenceMissing = "SSB3121";

    /// <summary>Categories used in SARIF output and in the rule pages.</summary>
    public static class Categories
    {
        public const string Tool = "SecureBuild.Tool";
        public const string Sbom = "Supply.Sbom";
        public const string Advisories = "Supply.Advisories";
        public const string PatchSla = "Supply.PatchSla";
    }

    /// <summary>The documentation page of a diagnostic code.</summary>
    public static string HelpLink(string id) => $"https://github.com/scalyz/securebuild/blob/main/src/docs/rules/{id}.md";
}
