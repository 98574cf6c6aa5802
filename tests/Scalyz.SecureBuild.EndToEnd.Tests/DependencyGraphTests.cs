using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

[Collection(PackedPackageGroup.Name)]
public sealed class DependencyGraphTests(PackageFixture package)
{
    [Theory]
    [InlineData("VulnerableWebApp")]
    [InlineData("CleanApp")]
    public void Build_WithPackage_WritesExactlyTheGraphDotnetListPackageReports(string sample)
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build(sample);

        Assert.True(build.ExitCode == 0 || build.SecureBuildDiagnostics.Any(d => d.Severity == "error"), build.Output);
        var dependencies = workspace.PathOf(sample, "obj", "securebuild", "dependencies.json");
        Assert.True(File.Exists(dependencies), $"{dependencies} was not written.\n{build.Output}");
        var list = workspace.Dotnet(["list", workspace.ProjectFile(sample), "package", "--include-transitive", "--format", "json"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(PackagesFromDotnetList(list.Output), PackagesFromGraph(File.ReadAllText(dependencies)));
    }

    [Fact]
    public void Build_CleanAppWithProjectReference_RecordsTheProjectAndItsPackagesAsDependencies()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.Equal(0, build.ExitCode);
        // SSB0202: the embedded advisory snapshot is older than SecureBuildAdvisoryMaxAge, truthfully (see AuditTests);
        // SSB0220: this machine's package mirror offers no vulnerability data for the default 'nuget' source, truthfully too.
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code is not ("SSB0202" or "SSB0220"));
        using var graph = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("CleanApp", "obj", "securebuild", "dependencies.json")));
        var dependencies = graph.RootElement.GetProperty("targets")[0].GetProperty("dependencies").EnumerateArray().ToList();
        var lib = dependencies.Single(d => d.GetProperty("id").GetString() == "CleanLib");
        Assert.Equal("project", lib.GetProperty("type").GetString());
        Assert.True(lib.GetProperty("direct").GetBoolean());
        var humanizer = dependencies.Single(d => d.GetProperty("id").GetString() == "Humanizer.Core");
        Assert.False(humanizer.GetProperty("direct").GetBoolean());
        var self = dependencies.Single(d => d.GetProperty("id").GetString() == "Scalyz.SecureBuild");
        Assert.True(self.GetProperty("developmentOnly").GetBoolean());
    }

    [Fact]
    public void Build_CorruptAssetsFile_FailsWithSsb0003NamingTheFileAndNoStackTrace()
    {
        var workspace = package.CreateWorkspace();
        Assert.Equal(0, workspace.Build("CleanApp").ExitCode);
        var assets = workspace.PathOf("CleanApp", "obj", "project.assets.json");
        File.WriteAllText(assets, "{\n  \"version\": 3,\n  \"targets\": { \"net10.0\": ");

        var build = workspace.Build("CleanApp", "--no-restore");

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(build.SecureBuildDiagnostics);
        Assert.Equal(("error", "SSB0003", assets, 3), (error.Severity, error.Code, error.File, error.Line));
        Assert.Contains("is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SecureBuildDisabled_DoesNothingButRecordTheSwitch()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp", "-p:SecureBuildEnabled=false");

        Assert.Equal(0, build.ExitCode);
        // Turning the package off is itself a bypass (src/docs/bypass.md): its evidence is the only thing written.
        Assert.Equal(["SSB0401"], build.SecureBuildDiagnostics.Select(d => d.Code));
        Assert.Equal(["bypasses.json"], Directory.GetFiles(workspace.PathOf("VulnerableWebApp", "obj", "securebuild")).Select(Path.GetFileName));
    }

    private static List<string> PackagesFromDotnetList(string json) =>
        DotnetListPackage.Parse(json)
            .Select(p => $"{p.Framework} {p.Id} {p.Version} {(p.IsDirect ? "direct" : "transitive")}")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static List<string> PackagesFromGraph(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("targets").EnumerateArray()
            .Where(t => !t.TryGetProperty("runtimeIdentifier", out _))
            .SelectMany(t => t.GetProperty("dependencies").EnumerateArray()
                .Where(d => d.GetProperty("type").GetString() == "package")
                .Select(d => $"{t.GetProperty("framework").GetString()} {d.GetProperty("id").GetString()} {d.GetProperty("version").GetString()} {(d.GetProperty("direct").GetBoolean() ? "direct" : "transitive")}"))
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
