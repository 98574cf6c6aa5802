using System.Text.RegularExpressions;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>The injection, XML, web, logging and file rules (SSB2300-SSB2899) in a real build with the packed package.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed partial class InsecureApiWebTests(PackageFixture package)
{
    [GeneratedRegex("^SSB2[3-8][0-9]{2}$")]
    private static partial Regex OwnRange();

    [Fact]
    public void Build_VulnerableWebApp_ReportsExactlyThePlantedInjectionAndCookieProblems()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp");

        var found = Own(build, workspace.PathOf("VulnerableWebApp"));
        Assert.True(
            found.SequenceEqual(
            [
                ("Program.cs", 19, "warning", "SSB2501"),
                (Path.Combine("Services", "OrderRepository.cs"), 12, "warning", "SSB2301"),
            ]),
            string.Join("\n", found) + "\n" + build.Output);
    }

    [Fact]
    public void Build_CleanApp_ReportsNothingFromTheseRules()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.Equal(0, build.ExitCode);
        Assert.Empty(Own(build, workspace.PathOf("CleanApp")));
    }

    private static List<(string File, int Line, string Severity, string Code)> Own(BuildResult build, string sampleFolder) =>
        build.SecureBuildDiagnostics
            .Where(d => OwnRange().IsMatch(d.Code))
            .Select(d => (Path.GetRelativePath(sampleFolder, d.File), d.Line, d.Severity, d.Code))
            .Distinct()
            .OrderBy(d => d.Item1, StringComparer.Ordinal).ThenBy(d => d.Line)
            .ToList();
}
