namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>The result of a real <c>dotnet build</c> of a sample.</summary>
public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<BuildDiagnostic> Diagnostics)
{
    /// <summary>Only the diagnostics SecureBuild itself reports (SSBnnnn), sorted, for exact comparisons.</summary>
    public IReadOnlyList<BuildDiagnostic> SecureBuildDiagnostics =>
        Diagnostics.Where(d => d.Code.StartsWith("SSB", StringComparison.Ordinal))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
}

/// <summary>A private copy of tests/samples that builds against the freshly packed package.</summary>
public sealed class SampleWorkspace(string folder, PackageFixture package)
{
    public string Folder { get; } = folder;

    public string ProjectFile(string sample) => Path.Combine(Folder, sample, sample + ".csproj");

    public string PathOf(string sample, params string[] parts) => Path.Combine([Folder, sample, .. parts]);

    /// <summary>More environment variables for every command (for example NUGET_HTTP_CACHE_PATH).</summary>
    public Dictionary<string, string?> ExtraEnvironment { get; } = [];

    private Dictionary<string, string?> Environment => new(ExtraEnvironment)
    {
        ["SecureBuildPackageVersion"] = package.Version,
        ["NUGET_PACKAGES"] = package.PackagesFolder,
    };

    /// <summary>Runs <c>dotnet build</c> on a sample with extra MSBuild arguments and parses its diagnostics.</summary>
    public BuildResult Build(string sample, params string[] arguments)
    {
        var result = Dotnet(["build", ProjectFile(sample), "-nr:false", "-clp:NoSummary", "-v:m", .. arguments]);
        return new BuildResult(result.ExitCode, result.All, BuildDiagnostic.Parse(result.All));
    }

    /// <summary>Installs the packed CLI with <c>dotnet tool install --tool-path</c>, as users get it, and returns the securebuild executable.</summary>
    public string InstallTool()
    {
        var tools = Path.Combine(Folder, ".tools");
        var install = Dotnet(["tool", "install", "Scalyz.SecureBuild.Cli", "--tool-path", tools, "--version", package.Version, "--add-source", package.Feed]);
        Assert.True(install.ExitCode == 0, install.All);
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "securebuild.exe" : "securebuild");
    }

    /// <summary>Runs any dotnet command in the workspace with the package's version and private package folder.</summary>
    public ProcessResult Dotnet(IEnumerable<string> arguments) => ProcessRunner.Run("dotnet", arguments, Folder, Environment);
}
