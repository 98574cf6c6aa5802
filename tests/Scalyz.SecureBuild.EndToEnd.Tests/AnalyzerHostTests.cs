using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// What the compiler of a real `dotnet build` loads from the packed package: one analyzer, SecureBuildAnalyzer, which runs
/// every rule (the compiler's own analyzer report lists it and no rule beside it), and the rules' findings are all there.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class AnalyzerHostTests(PackageFixture package, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Build_CompilerRunsOneHostAnalyzer_AndItReportsSecretsConfigFilesAndInsecureApis()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp", "-p:ReportAnalyzer=true", "-v:d");

        foreach (var line in build.Output.Split('\n').Where(l => l.Contains("Scalyz.SecureBuild.Analyzers", StringComparison.Ordinal) && !l.Contains("/analyzer:", StringComparison.Ordinal)))
        {
            output.WriteLine(line.Trim());
        }

        // The sample's planted critical advisories fail the build after compilation; the compiler's report is there before.
        Assert.True(build.Output.Contains("Scalyz.SecureBuild.Analyzers.SecureBuildAnalyzer", StringComparison.Ordinal), build.Output);
        Assert.DoesNotContain("Scalyz.SecureBuild.Analyzers.Rules.", build.Output, StringComparison.Ordinal);
        var codes = build.SecureBuildDiagnostics.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("SSB1001", codes);
        Assert.Contains("SSB1006", codes);
        Assert.Contains(codes, code => code.StartsWith("SSB2", StringComparison.Ordinal));
    }
}
