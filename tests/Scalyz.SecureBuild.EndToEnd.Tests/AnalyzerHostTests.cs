using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// What the compiler of a real `dotnet build` loads from the packed package: one analyzer, SecureBuildAnalyzer, which runs
/// every rule (the compiler's own analyzer report lists it and no rule beside it), and the rules' findings are all there.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class AnalyzerHostTests(PackageFixture package)
{
    [Fact]
    public void Build_CompilerRunsOneHostAnalyzer_AndItReportsSecretsConfigFilesAndInsecureApis()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp", "-p:ReportAnalyzer=true", "-v:n");

        Assert.Equal(0, build.ExitCode);
        Assert.Contains("Scalyz.SecureBuild.Analyzers.SecureBuildAnalyzer", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scalyz.SecureBuild.Analyzers.Rules.", build.Output, StringComparison.Ordinal);
        var codes = build.SecureBuildDiagnostics.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("SSB1001", codes);
        Assert.Contains("SSB1006", codes);
        Assert.Contains(codes, code => code.StartsWith("SSB2", StringComparison.Ordinal));
    }
}
