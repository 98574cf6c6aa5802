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

    /// <summary>A package's nuspec in the package folder cannot be read, so its license and supplier are missing from the SBOM.</summary>
    public const string NuspecInvalid = "SSB0100";

    /// <summary>Packages of the graph are not in the package folders, so the SBOM lacks their license, supplier and description.</summary>
    public const string SbomPackageMetadataMissing = "SSB3001";

    /// <summary>The assets file has no graph for the runtime identifier the SBOM should describe.</summary>
    public const string SbomRuntimeGraphMissing = "SSB3002";

    /// <summary>An SBOM setting (format, timestamp) has a value SecureBuild does not know.</summary>
    public const string SbomSettingInvalid = "SSB3003";

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
