using System.Diagnostics;

namespace Scalyz.SecureBuild.Testing;

/// <summary>
/// Runs validate.cjs beside this file (the official CycloneDX schemas through @cyclonedx/cyclonedx-library, SPDX license
/// expressions through spdx-expression-parse) on an SBOM. Linked into the test projects that validate SBOMs.
/// </summary>
internal static class SbomValidator
{
    /// <summary>The folder holding validate.cjs and its node_modules.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Validates <paramref name="file"/> as <paramref name="kind"/> (cyclonedx-1.6, cyclonedx-1.5, spdx-2.3).</summary>
    /// <returns>The exit code (0 valid, 1 invalid, 2 unusable) and everything the validator printed.</returns>
    public static (int ExitCode, string Output) Validate(string kind, string file)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            return (2, $"The SBOM validator is not installed: run build/test.sh, or 'npm ci --no-audit --no-fund' in {Folder}.");
        }

        var info = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("validate.cjs");
        info.ArgumentList.Add(kind);
        info.ArgumentList.Add(file);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string FindFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.")
            : Path.Combine(directory.FullName, "tests", "sbom-validator");
    }
}
