using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

[Collection(PackedPackageGroup.Name)]
public sealed class SecretAnalyzerTests(PackageFixture package)
{
    [Fact]
    public void Build_VulnerableWebApp_ReportsExactlyThePlantedSecretsInCodeAndConfiguration()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp");

        var secrets = SecretDiagnostics(build);
        Assert.Equal(
            [
                ("SSB1001", workspace.PathOf("VulnerableWebApp", "Services", "StorageSettings.cs"), 7, 42),
                ("SSB1006", workspace.PathOf("VulnerableWebApp", "appsettings.json"), 10, 86),
            ],
            secrets.Select(d => (d.Code, d.File, d.Line, d.Column)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
        Assert.Contains("AWS access key id 'AKIA\u2026' is hard-coded", secrets[0].Message, StringComparison.Ordinal);
        Assert.Contains("Azure Storage account key 'pU3K\u2026' is hard-coded in appsettings.json", secrets[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA2OGYBAH6", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pU3KGCUwux", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CleanApp_ReportsNoSecret()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.Empty(SecretDiagnostics(build));
    }

    [Fact]
    public void Build_SeverityRaisedInEditorConfig_FailsTheBuildOnTheSecret()
    {
        var workspace = package.CreateWorkspace();
        File.WriteAllText(workspace.PathOf("VulnerableWebApp", ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.SSB1001.severity = error\n");

        var build = workspace.Build("VulnerableWebApp");

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(SecretDiagnostics(build), d => d.Code == "SSB1001");
        Assert.Equal("error", error.Severity);
    }

    [Fact]
    public void Build_SecretInEnvFileAndNuGetStyleConfig_ReportedAtTheirLines()
    {
        var workspace = package.CreateWorkspace();
        File.WriteAllText(workspace.PathOf("CleanApp", ".env"), "# local settings\nAPP_NAME=clean\nDB_PASSWORD=" + "Tr0ub4dor" + "-and-3\n");
        File.WriteAllText(workspace.PathOf("CleanApp", "app.config"), "<configuration>\n  <appSettings>\n    <add key=\"ApiToken\" value=\"" + "q8Zr4" + "Lm2Xv7Tn9Kp3Wd6Y\" />\n  </appSettings>\n</configuration>\n");

        var build = workspace.Build("CleanApp");

        Assert.Equal(
            [
                ("SSB1006", workspace.PathOf("CleanApp", ".env"), 3),
                ("SSB1006", workspace.PathOf("CleanApp", "app.config"), 3),
            ],
            SecretDiagnostics(build).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.File, StringComparer.Ordinal).ToList());
    }

    private static List<BuildDiagnostic> SecretDiagnostics(BuildResult build) =>
        build.SecureBuildDiagnostics.Where(d => d.Code.StartsWith("SSB1", StringComparison.Ordinal)).ToList();
}
