using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>The crypto, transport and deserialization rules (SSB2001-SSB2299) in a real build with the packed package.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed class InsecureApiCryptoTests(PackageFixture package)
{
    [Fact]
    public void Build_VulnerableWebApp_ReportsExactlyThePlantedMd5AndCertificateBypass()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp");

        var ours = OwnRange(build);
        Assert.Equal(
            [
                ("warning", "SSB2101", workspace.PathOf("VulnerableWebApp", "Services", "PartnerApiClient.cs"), 7),
                ("warning", "SSB2001", workspace.PathOf("VulnerableWebApp", "Services", "PasswordHasher.cs"), 10),
            ],
            ours.Select(d => (d.Severity, d.Code, d.File, d.Line)).OrderBy(d => d.File, StringComparer.Ordinal).ToList());
        Assert.Contains("MD5 is a broken hash algorithm", ours.Single(d => d.Code == "SSB2001").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CleanApp_ReportsNothingFromTheInsecureApiRangesItOwns()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.Equal(0, build.ExitCode);
        Assert.Empty(OwnRange(build));
    }

    [Fact]
    public void Build_SeverityRaisedInEditorConfig_FailsTheBuildOnTheCertificateBypass()
    {
        var workspace = package.CreateWorkspace();
        File.WriteAllText(workspace.PathOf("VulnerableWebApp", ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.SSB2101.severity = error\n");

        var build = workspace.Build("VulnerableWebApp");

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(OwnRange(build), d => d.Severity == "error");
        Assert.Equal(("SSB2101", 7), (error.Code, error.Line));
    }

    private static List<BuildDiagnostic> OwnRange(BuildResult build) =>
        build.SecureBuildDiagnostics.Where(d => d.Code is ['S', 'S', 'B', '2', '0' or '1' or '2', _, _]).ToList();
}
