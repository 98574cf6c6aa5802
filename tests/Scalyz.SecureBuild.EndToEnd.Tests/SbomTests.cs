using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;
using static Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure.SbomChecks;
using Scalyz.SecureBuild.Testing;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

[Collection(PackedPackageGroup.Name)]
public sealed class SbomTests(PackageFixture package)
{
    private const string Sample = "MultiTargetApp";
    private const string FixedEpoch = "1769860800";

    [Fact]
    public void Build_MultiTargetApp_SbomMatchesDotnetListAssetsFileAndToolAndIsValidAndReproducible()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build(Sample, $"-p:SecureBuildSbomTimestamp={FixedEpoch}");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB3", StringComparison.Ordinal) || d.Code.StartsWith("SSB01", StringComparison.Ordinal));
        var sbomPath = workspace.PathOf(Sample, "obj", "securebuild", "sbom.cdx.json");
        Assert.True(File.Exists(sbomPath), $"{sbomPath} was not written.\n{build.Output}");
        var bytes = File.ReadAllBytes(sbomPath);
        using var sbom = JsonDocument.Parse(bytes);
        using var assets = JsonDocument.Parse(File.ReadAllBytes(workspace.PathOf(Sample, "obj", "project.assets.json")));

        var list = workspace.Dotnet(["list", workspace.ProjectFile(Sample), "package", "--include-transitive", "--format", "json"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(PackagesFromDotnetList(list.Output), PackagesFromSbom(sbom.RootElement));
        Assert.Equal(HashesFromAssets(assets.RootElement), HashesFromSbom(sbom.RootElement));
        Assert.Equal(EdgesFromAssets(assets.RootElement), EdgesFromSbom(sbom.RootElement));

        var excluded = Components(sbom.RootElement).Where(c => c.GetProperty("scope").GetString() == "excluded").Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["Microsoft.Build.Tasks.Git", "Microsoft.SourceLink.Common", "Microsoft.SourceLink.GitHub", "Scalyz.SecureBuild"], excluded);
        // First-party: the project and its project reference are project: components with a supplier, no purl, no hash.
        var lib = Components(sbom.RootElement).Single(c => c.GetProperty("name").GetString() == "MultiTargetLib");
        Assert.Equal("project:MultiTargetLib@2.1.0", lib.GetProperty("bom-ref").GetString());
        Assert.False(lib.TryGetProperty("purl", out _));
        var metadata = sbom.RootElement.GetProperty("metadata");
        Assert.Equal("2026-01-31T12:00:00Z", metadata.GetProperty("timestamp").GetString());
        Assert.Equal("Contoso Release Engineering", metadata.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal("project:MultiTargetApp@2.1.0", metadata.GetProperty("component").GetProperty("bom-ref").GetString());
        Assert.Equal("Contoso Release Engineering", metadata.GetProperty("component").GetProperty("supplier").GetProperty("name").GetString());
        AssertNtia(sbom.RootElement);
        AssertDirectPackagesHangOffTheirProject(sbom.RootElement, assets.RootElement);
        Assert.Equal("MIT", Components(sbom.RootElement).Single(c => c.GetProperty("name").GetString() == "Newtonsoft.Json").GetProperty("licenses")[0].GetProperty("expression").GetString());
        AssertValid("cyclonedx-1.6", sbomPath);

        // Deterministic mode: building again from scratch gives the same bytes.
        File.Delete(sbomPath);
        var again = workspace.Build(Sample, "--no-restore", $"-p:SecureBuildSbomTimestamp={FixedEpoch}");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(bytes, File.ReadAllBytes(sbomPath));

        // The installed tool describes the same project with the same bytes as the build, metadata.authors included
        // (both take the project's Company; no --author is needed).
        var tools = Path.Combine(workspace.Folder, ".tools");
        var install = workspace.Dotnet(["tool", "install", "Scalyz.SecureBuild.Cli", "--tool-path", tools, "--version", package.Version, "--add-source", package.Feed]);
        Assert.True(install.ExitCode == 0, install.All);
        var cliPath = workspace.PathOf(Sample, "obj", "cli.cdx.json");
        var cli = ProcessRunner.Run(
            Path.Combine(tools, OperatingSystem.IsWindows() ? "securebuild.exe" : "securebuild"),
            ["sbom", workspace.ProjectFile(Sample), "--timestamp", FixedEpoch, "-o", cliPath],
            workspace.Folder);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Equal(bytes, File.ReadAllBytes(cliPath));

        foreach (var (format, kind, file) in new[] { ("spdx", "spdx-2.3", "sbom.spdx.json"), ("cyclonedx-1.5", "cyclonedx-1.5", "sbom-1.5.cdx.json") })
        {
            var path = workspace.PathOf(Sample, "obj", "securebuild", file);
            var run = workspace.Dotnet(["msbuild", workspace.ProjectFile(Sample), "-t:SecureBuildSbom", "-nr:false", "-v:m", "-clp:NoSummary", $"-p:SecureBuildSbomFormat={format}", $"-p:SecureBuildSbomPath={path}", $"-p:SecureBuildSbomTimestamp={FixedEpoch}"]);
            Assert.True(run.ExitCode == 0, run.All);
            AssertValid(kind, path);
        }
    }

    [Fact]
    public void Build_UnknownSbomFormat_FailsWithSsb3003()
    {
        var workspace = package.CreateWorkspace();
        Assert.Equal(0, workspace.Dotnet(["restore", workspace.ProjectFile("CleanApp")]).ExitCode);

        var run = workspace.Dotnet(["msbuild", workspace.ProjectFile("CleanApp"), "-t:SecureBuildSbom", "-nr:false", "-v:m", "-clp:NoSummary", "-p:SecureBuildSbomFormat=swid"]);

        Assert.NotEqual(0, run.ExitCode);
        var error = Assert.Single(BuildDiagnostic.Parse(run.All), d => d.Code.StartsWith("SSB3", StringComparison.Ordinal));
        Assert.Equal(("error", "SSB3003"), (error.Severity, error.Code));
    }
}
