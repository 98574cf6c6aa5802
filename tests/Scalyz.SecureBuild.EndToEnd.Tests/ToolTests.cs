using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>The CLI as users get it: installed from its tool package with `dotnet tool install`.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed class ToolTests(PackageFixture package)
{
    [Fact]
    public void InstalledTool_VersionHelpAndDeps_Work()
    {
        var workspace = package.CreateWorkspace();
        var securebuild = workspace.InstallTool();
        Assert.Equal(0, workspace.Dotnet(["restore", workspace.ProjectFile("CleanApp")]).ExitCode);

        var version = ProcessRunner.Run(securebuild, ["--version"], workspace.Folder);
        var help = ProcessRunner.Run(securebuild, ["deps", "--help"], workspace.Folder);
        var deps = ProcessRunner.Run(securebuild, ["deps", workspace.PathOf("CleanApp"), "--format", "json"], workspace.Folder);
        var missing = ProcessRunner.Run(securebuild, ["deps", workspace.PathOf("NoSuchSample")], workspace.Folder);

        Assert.Equal((0, package.Version), (version.ExitCode, version.Output.Trim().Split('+')[0]));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--format", help.Output, StringComparison.Ordinal);
        Assert.True(deps.ExitCode == 0, deps.All);
        using var json = JsonDocument.Parse(deps.Output);
        Assert.Equal(["CleanApp"], json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("project").GetProperty("name").GetString()).Order());
        Assert.Equal(3, missing.ExitCode);
        Assert.StartsWith("error SSB0005:", missing.Error, StringComparison.Ordinal);
    }
}
