using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure.SbomChecks;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// The three real-solution shapes of issue 14, reproduced by samples: a single library (SingleLib), a multi-project
/// solution with tests and a web app (ShopSolution), a multi-targeting solution with central package management
/// (CpmSolution). Each is built for real with the packed package; every in-build SBOM and the CLI's solution SBOM pass
/// the independent checks, the CLI and the build agree byte for byte, and CycloneDX's own tool (6.3.1) finds the same
/// packages and package graph.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class RealSolutionSbomTests(PackageFixture package, ITestOutputHelper log)
{
    private const string FixedEpoch = "1769860800";

    public static TheoryData<string, string, string[]> Shapes => new()
    {
        { "SingleLib", "SingleLib/SingleLib.csproj", ["SingleLib/SingleLib.csproj"] },
        { "ShopSolution", "ShopSolution/Shop.slnx", ["ShopSolution/Shop.Core/Shop.Core.csproj", "ShopSolution/Shop.Web/Shop.Web.csproj"] },
        { "CpmSolution", "CpmSolution/Cpm.slnx", ["CpmSolution/Cpm.Lib/Cpm.Lib.csproj", "CpmSolution/Cpm.App/Cpm.App.csproj"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Build_RealSolutionShape_EverySbomPassesTheChecksAndMatchesCycloneDxDotnet(string shape, string entry, string[] shipped)
    {
        var workspace = package.CreateWorkspace();
        var build = workspace.Dotnet(["build", Path.Combine(workspace.Folder, entry), "-nr:false", "-clp:NoSummary", "-v:m", $"-p:SecureBuildSbomTimestamp={FixedEpoch}"]);
        Assert.True(build.ExitCode == 0, build.All);
        Assert.DoesNotContain(BuildDiagnostic.Parse(build.All), d => d.Code.StartsWith("SSB3", StringComparison.Ordinal) || d.Code == "SSB0001");
        var securebuild = workspace.InstallTool();

        foreach (var project in shipped.Select(p => Path.Combine(workspace.Folder, p)))
        {
            var folder = Path.GetDirectoryName(project)!;
            var sbomPath = Path.Combine(folder, "obj", "securebuild", "sbom.cdx.json");
            var bytes = File.ReadAllBytes(sbomPath);
            using var sbom = JsonDocument.Parse(bytes);
            using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "obj", "project.assets.json")));
            var list = workspace.Dotnet(["list", project, "package", "--include-transitive", "--format", "json"]);
            Assert.True(list.ExitCode == 0, list.All);

            Assert.Equal(PackagesFromDotnetList(list.Output), PackagesFromSbom(sbom.RootElement));
            Assert.Equal(HashesFromAssets(assets.RootElement), HashesFromSbom(sbom.RootElement));
            Assert.Equal(EdgesFromAssets(assets.RootElement), EdgesFromSbom(sbom.RootElement));
            AssertDirectPackagesHangOffTheirProject(sbom.RootElement, assets.RootElement);
            AssertNtia(sbom.RootElement);
            AssertValid("cyclonedx-1.6", sbomPath);

            // The CLI writes the same bytes as the build: same components, same metadata.authors.
            var cliPath = Path.Combine(folder, "obj", "cli.cdx.json");
            var cli = ProcessRunner.Run(securebuild, ["sbom", project, "--timestamp", FixedEpoch, "-o", cliPath], workspace.Folder);
            Assert.True(cli.ExitCode == 0, cli.All);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), File.ReadAllText(cliPath));
        }

        // The CLI's SBOM of the whole solution: valid, NTIA, every project a node its direct packages hang off.
        var solutionSbom = Path.Combine(workspace.Folder, $"{shape}.cdx.json");
        var run = ProcessRunner.Run(securebuild, ["sbom", Path.Combine(workspace.Folder, entry), "--timestamp", FixedEpoch, "-o", solutionSbom], workspace.Folder);
        Assert.True(run.ExitCode == 0, run.All);
        AssertValid("cyclonedx-1.6", solutionSbom);
        var spdxPath = Path.ChangeExtension(solutionSbom, ".spdx.json");
        Assert.Equal(0, ProcessRunner.Run(securebuild, ["sbom", Path.Combine(workspace.Folder, entry), "-f", "spdx", "--timestamp", FixedEpoch, "-o", spdxPath], workspace.Folder).ExitCode);
        AssertValid("spdx-2.3", spdxPath);
        using var ours = JsonDocument.Parse(File.ReadAllBytes(solutionSbom));
        AssertNtia(ours.RootElement);
        // A single project is the SBOM's root (metadata.component); a solution's projects are components.
        var projectNodes = Components(ours.RootElement).Append(ours.RootElement.GetProperty("metadata").GetProperty("component")).Select(c => c.GetProperty("bom-ref").GetString()!).Where(r => r.StartsWith("project:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(shipped.Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal), projectNodes.Select(r => r[8..r.IndexOf('@', StringComparison.Ordinal)]));
        foreach (var project in shipped)
        {
            using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(workspace.Folder, Path.GetDirectoryName(project)!, "obj", "project.assets.json")));
            AssertDirectPackagesHangOffTheirProject(ours.RootElement, assets.RootElement);
        }

        CrossCheckWithCycloneDxDotnet(workspace, Path.Combine(workspace.Folder, entry), ours.RootElement);
    }

    [Fact]
    public void Build_OlderMSBuild_SaysOnceWithSsb0001WhatIsSkippedAndNeverFailsWithMsb4062()
    {
        var workspace = package.CreateWorkspace();
        foreach (var (pretend, why) in new[] { ("-p:_SecureBuildMSBuildVersion=17.14.8", "MSBuild 17.14.8 of an older .NET SDK"), ("-p:_SecureBuildMSBuildRuntimeType=Full", "the .NET Framework MSBuild") })
        {
            // --no-incremental: the second build must compile again, so the analyzers report again.
            var build = workspace.Dotnet(["build", workspace.ProjectFile("VulnerableWebApp"), "--no-incremental", "-nr:false", "-clp:NoSummary", "-v:m", pretend]);

            Assert.DoesNotContain("MSB4062", build.All, StringComparison.Ordinal);
            var diagnostics = BuildDiagnostic.Parse(build.All);
            var notice = Assert.Single(diagnostics.Where(d => d.Code == "SSB0001").DistinctBy(d => d.File));
            Assert.Equal("warning", notice.Severity);
            Assert.Contains(why, notice.Message, StringComparison.Ordinal);
            Assert.Contains("skips the dependency graph, the SBOM, the advisory audit and the patch deadlines", notice.Message, StringComparison.Ordinal);
            // The tasks did not run (no audit of the planted vulnerable packages, no SBOM), the analyzers did.
            Assert.DoesNotContain(diagnostics, d => d.Code.StartsWith("SSB4", StringComparison.Ordinal) || d.Code.StartsWith("SSB3", StringComparison.Ordinal));
            Assert.False(File.Exists(workspace.PathOf("VulnerableWebApp", "obj", "securebuild", "sbom.cdx.json")));
            Assert.Contains(diagnostics, d => d.Code.StartsWith("SSB1", StringComparison.Ordinal) || d.Code.StartsWith("SSB2", StringComparison.Ordinal));
        }
    }

    // cyclonedx-dotnet 6.3.1, installed the way a user installs it, over the same solution: the same packages (name and
    // version), the same package-to-package edges, and its root's direct packages = what our project nodes reference.
    // Hashes differ on purpose (src/docs/sbom.md): it hashes the signed .nupkg, we give NuGet's content hash.
    private void CrossCheckWithCycloneDxDotnet(SampleWorkspace workspace, string entry, JsonElement ours)
    {
        var tools = Path.Combine(workspace.Folder, ".cyclonedx");
        var install = workspace.Dotnet(["tool", "install", "CycloneDX", "--version", "6.3.1", "--tool-path", tools]);
        if (install.ExitCode != 0)
        {
            log.WriteLine($"SKIPPED the cyclonedx-dotnet cross-check: 'dotnet tool install CycloneDX --version 6.3.1' failed (no feed serves it?):\n{install.All}");
            return;
        }

        var output = Path.Combine(workspace.Folder, ".cyclonedx-out");
        var run = ProcessRunner.Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "dotnet-CycloneDX.exe" : "dotnet-CycloneDX"), [entry, "-o", output, "-fn", "bom.json", "-F", "Json", "-spv", "1.6", "-dpr", "-t"], workspace.Folder,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = package.PackagesFolder });
        Assert.True(run.ExitCode == 0, run.All);
        using var theirs = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "bom.json")));

        static List<string> Packages(JsonElement bom) => Components(bom)
            .Select(c => c.GetProperty("bom-ref").GetString()!).Where(r => r.StartsWith("pkg:nuget/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        static List<string> PackageEdges(JsonElement bom) => EdgesFromSbom(bom)
            .Where(e => e.StartsWith("pkg:nuget/", StringComparison.Ordinal) && e.Contains("-> pkg:nuget/", StringComparison.Ordinal)).ToList();

        Assert.Equal(Packages(theirs.RootElement), Packages(ours));
        Assert.Equal(PackageEdges(theirs.RootElement), PackageEdges(ours));
        var theirRoot = theirs.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString();
        var theirDirect = EdgesFromSbom(theirs.RootElement).Where(e => e.StartsWith(theirRoot + " -> ", StringComparison.Ordinal)).Select(e => e[(theirRoot!.Length + 4)..]).Order(StringComparer.Ordinal);
        var ourDirect = EdgesFromSbom(ours).Where(e => e.StartsWith("project:", StringComparison.Ordinal)).Select(e => e[(e.IndexOf(" -> ", StringComparison.Ordinal) + 4)..])
            .Where(t => t.StartsWith("pkg:nuget/", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(theirDirect, ourDirect);
        Assert.DoesNotContain(Components(theirs.RootElement), c => c.GetProperty("bom-ref").GetString()!.StartsWith("project:", StringComparison.Ordinal));
    }
}
