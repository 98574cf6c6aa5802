using System.Diagnostics;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Sbom;

/// <summary>The SBOM test inputs (an assets file and a package folder of nuspecs), golden files and the schema validator.</summary>
internal static class SbomTestData
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "sbom");

    public static readonly DateTimeOffset FixedTime = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static DependencyGraph AppGraph() =>
        AssetsFileReader.Read(Path.Combine(Folder, "app.assets.json")) with { PackageFolders = [Path.Combine(Folder, "packages")] };

    public static SbomOptions Options => new() { Timestamp = FixedTime, Authors = ["Contoso Release Engineering"], IsApplication = true };

    /// <summary>Compares with the golden file in the source tree; SECUREBUILD_UPDATE_GOLDEN=1 rewrites it instead.</summary>
    public static void AssertGolden(string name, byte[] actual)
    {
        var source = Path.Combine(RepositoryRoot, "tests", "Scalyz.SecureBuild.Core.Tests", "TestData", "sbom", name);
        if (Environment.GetEnvironmentVariable("SECUREBUILD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(source, actual);
        }

        Assert.Equal(File.ReadAllText(source), System.Text.Encoding.UTF8.GetString(actual));
    }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs tests/sbom-validator (the official schemas through @cyclonedx/cyclonedx-library) on a file.</summary>
    public static (int ExitCode, string Output) Validate(string kind, string file)
    {
        var validator = Path.Combine(RepositoryRoot, "tests", "sbom-validator");
        Assert.True(
            Directory.Exists(Path.Combine(validator, "node_modules")),
            $"The SBOM validator is not installed: run build/test.sh, or 'npm ci --no-audit --no-fund' in {validator}.");
        var info = new ProcessStartInfo("node") { WorkingDirectory = validator, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("validate.cjs");
        info.ArgumentList.Add(kind);
        info.ArgumentList.Add(file);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }
}
