using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>The dependency audit in a real <c>dotnet build</c> with the packed package and its embedded snapshot.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed class AuditTests(PackageFixture package)
{
    private const string Sample = "VulnerableWebApp";

    // The default sources are nuget;embedded, and this machine's package mirror offers no vulnerability data (no
    // VulnerabilityInfo resource), so every build with the defaults truthfully says so once (NuGetSourceTests covers a feed that has it).
    private const string NoFeedData = "SSB0220";

    [Fact]
    public void Build_VulnerableSample_FailsWithSsb4004AtThePackageReferenceLineAndStillCompiles()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build(Sample);

        Assert.NotEqual(0, build.ExitCode);
        var project = workspace.ProjectFile(Sample);
        var line = LineOf(project, "Include=\"System.Drawing.Common\"");
        var audit = AuditDiagnostics(build);
        Assert.Equal(
            [("warning", "SSB0202", project, 0), ("warning", "SSB0220", project, 0), ("error", "SSB4004", project, line)],
            audit.Select(d => (d.Severity, d.Code, d.File, d.Line)).ToList());
        var critical = audit.Single(d => d.Code == "SSB4004").Message;
        Assert.StartsWith("Package 'System.Drawing.Common' 4.7.0 has a critical advisory GHSA-rxg9-xrhp-64gj/CVE-2021-24112 (CVSS 9.8): .NET Core Remote Code Execution Vulnerability. Fixed in 4.7.2.", critical, StringComparison.Ordinal);
        Assert.Matches(@"dated 2024-10-09, \d+ days old", audit.Single(d => d.Code == "SSB0202").Message);
        // The advisory error did not stop compilation: the assembly exists.
        Assert.True(File.Exists(workspace.PathOf(Sample, "bin", "Debug", "net10.0", "VulnerableWebApp.dll")), build.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.json")));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("GHSA-rxg9-xrhp-64gj", "4.7.2", line), (finding.GetProperty("advisory").GetString(), finding.GetProperty("fixedIn").GetString(), finding.GetProperty("line").GetInt32()));
        using var sarif = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.sarif")));
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal(("SSB4004", "error"), (result.GetProperty("ruleId").GetString(), result.GetProperty("level").GetString()));
    }

    [Fact]
    public void Build_AfterUpgradingToTheFixedVersion_PassesTheAudit()
    {
        var workspace = package.CreateWorkspace();
        var project = workspace.ProjectFile(Sample);
        File.WriteAllText(project, File.ReadAllText(project).Replace("Include=\"System.Drawing.Common\" Version=\"4.7.0\"", "Include=\"System.Drawing.Common\" Version=\"4.7.3\"", StringComparison.Ordinal));

        var build = workspace.Build(Sample);

        Assert.Equal(["SSB0202", NoFeedData], AuditDiagnostics(build).Select(d => d.Code).ToList());
    }

    [Fact]
    public void Build_WithJustifiedSuppression_PassesAndShowsTheSuppressedFindingAsAMessage()
    {
        var workspace = package.CreateWorkspace();
        Suppress(workspace, "CVE-2021-24112", "Justification=\"Images come only from our own signed assets; upgrade planned in sprint 42.\" Until=\"2099-12-31\"");

        var build = workspace.Build(Sample);

        Assert.Equal(["SSB0202", NoFeedData], AuditDiagnostics(build).Select(d => d.Code).ToList());
        var message = build.Output.Split('\n').Single(l => l.Contains("SSB4005", StringComparison.Ordinal));
        Assert.Contains("Suppressed until 2099-12-31 (Images come only from our own signed assets; upgrade planned in sprint 42.)", message, StringComparison.Ordinal);
        Assert.Contains("GHSA-rxg9-xrhp-64gj", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithExpiredSuppression_ReportsTheFindingAgainAndFails()
    {
        var workspace = package.CreateWorkspace();
        Suppress(workspace, "GHSA-rxg9-xrhp-64gj", "Justification=\"Accepted for the 2024 release.\" Until=\"2025-01-31\"");

        var build = workspace.Build(Sample);

        Assert.NotEqual(0, build.ExitCode);
        var audit = AuditDiagnostics(build);
        Assert.Equal([("warning", "SSB0202"), ("warning", NoFeedData), ("error", "SSB4004"), ("warning", "SSB4006")], audit.Select(d => (d.Severity, d.Code)).ToList());
        Assert.Contains("expired on 2025-01-31", audit.Single(d => d.Code == "SSB4006").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SuppressionWithoutJustification_IsAConfigurationError()
    {
        var workspace = package.CreateWorkspace();
        Suppress(workspace, "GHSA-rxg9-xrhp-64gj", string.Empty);

        var build = workspace.Build(Sample);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(AuditDiagnostics(build));
        Assert.Equal(("error", "SSB0205"), (error.Severity, error.Code));
        Assert.Contains("has no Justification", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CleanApp_HasNoAdvisoryFinding()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB4", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("CleanApp", "obj", "securebuild", "audit.json")));
        Assert.Empty(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("embedded", json.RootElement.GetProperty("data")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Build_TransitiveVulnerablePackage_IsReportedAtTheLineOfTheDirectPackageWithThePath()
    {
        var workspace = package.CreateWorkspace();
        // A library package of our own that depends on the vulnerable version, packed into a feed the sample restores from.
        var library = Path.Combine(workspace.Folder, "Contoso.Imaging", "Contoso.Imaging.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllText(library, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>Contoso.Imaging</PackageId>
                <Version>1.0.0</Version>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="System.Drawing.Common" Version="4.7.0" />
              </ItemGroup>
            </Project>
            """);
        var localFeed = Path.Combine(workspace.Folder, "local-feed");
        var pack = workspace.Dotnet(["pack", library, "-o", localFeed, "-nr:false", "-p:SecureBuildAudit=false"]);
        Assert.True(pack.ExitCode == 0, pack.All);
        var config = Path.Combine(workspace.Folder, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("</packageSources>", $"  <add key=\"local\" value=\"{localFeed}\" />\n  </packageSources>", StringComparison.Ordinal));
        var project = workspace.ProjectFile(Sample);
        File.WriteAllText(project, File.ReadAllText(project).Replace("Include=\"System.Drawing.Common\" Version=\"4.7.0\"", "Include=\"Contoso.Imaging\" Version=\"1.0.0\"", StringComparison.Ordinal));

        var build = workspace.Build(Sample);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(AuditDiagnostics(build), d => d.Code.StartsWith("SSB4", StringComparison.Ordinal));
        Assert.Equal(("error", "SSB4004", project, LineOf(project, "Include=\"Contoso.Imaging\"")), (error.Severity, error.Code, error.File, error.Line));
        Assert.Contains("It comes in transitively: Contoso.Imaging 1.0.0 -> System.Drawing.Common 4.7.0.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CentralPackageManagement_IsReportedAtThePackageVersionLine()
    {
        var workspace = package.CreateWorkspace();
        var central = workspace.PathOf(Sample, "Directory.Packages.props");
        File.WriteAllText(central, """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
                <PackageVersion Include="System.Drawing.Common" Version="4.7.0" />
              </ItemGroup>
            </Project>
            """);
        var project = workspace.ProjectFile(Sample);
        File.WriteAllText(project, File.ReadAllText(project).Replace(" Version=\"4.7.0\"", string.Empty, StringComparison.Ordinal).Replace(" Version=\"13.0.3\"", string.Empty, StringComparison.Ordinal));
        // Under central management the package itself is added with VersionOverride, as a team using CPM would.
        var props = Path.Combine(workspace.Folder, "Directory.Build.props");
        File.WriteAllText(props, File.ReadAllText(props).Replace("Version=\"$(SecureBuildPackageVersion)\"", "VersionOverride=\"$(SecureBuildPackageVersion)\"", StringComparison.Ordinal));

        var build = workspace.Build(Sample);

        var error = Assert.Single(AuditDiagnostics(build), d => d.Code.StartsWith("SSB4", StringComparison.Ordinal));
        Assert.Equal(("error", "SSB4004", central, LineOf(central, "Include=\"System.Drawing.Common\"")), (error.Severity, error.Code, error.File, error.Line));
    }

    [Fact]
    public void Build_OsvApiUnreachable_WarnsAndFallsBackToTheSnapshotOrFailsWhenTheTeamSaysSo()
    {
        var workspace = package.CreateWorkspace();
        // Nothing listens on port 9 of 127.0.0.1: osv.dev is "unreachable" without depending on this machine's network.
        string[] online = ["-p:SecureBuildAdvisorySources=embedded%3Bosv-api", "-p:SecureBuildAdvisoryApi=http://127.0.0.1:9/", $"-p:SecureBuildAdvisoryCache={Path.Combine(workspace.Folder, ".cache")}"];

        var fallback = workspace.Build(Sample, online);
        var strict = workspace.Build(Sample, [.. online, "-p:SecureBuildAdvisoryUnreachable=fail", "--no-restore"]);

        // The fallback audit found the critical advisory, but it ran without osv.dev's data: the ledger hand-off is skipped (SSB0209).
        Assert.Equal([("error", "SSB4004"), ("warning", "SSB0202"), ("warning", "SSB0203"), ("warning", "SSB0209")], AuditDiagnostics(fallback).Select(d => (d.Severity, d.Code)).Order().ToList());
        Assert.Contains("the audit used 0 cached osv.dev record(s) and the embedded data instead", AuditDiagnostics(fallback).Single(d => d.Code == "SSB0203").Message, StringComparison.Ordinal);
        Assert.Contains(AuditDiagnostics(strict), d => (d.Severity, d.Code) == ("error", "SSB0203"));
        Assert.NotEqual(0, strict.ExitCode);
    }

    [Fact]
    public void Build_OnlySourceUnreachable_FailsAndLeavesTheLedgerAndFindingsUntouched()
    {
        var workspace = package.CreateWorkspace();
        var ledger = Path.Combine(workspace.Folder, "securebuild-ledger.json");
        var first = workspace.Build(Sample, $"-p:SecureBuildLedgerFile={ledger}");
        Assert.NotEqual(0, first.ExitCode);
        var recorded = File.ReadAllBytes(ledger);
        Assert.Contains("GHSA-rxg9-xrhp-64gj", File.ReadAllText(ledger), StringComparison.Ordinal);

        // osv.dev is the only source and nothing listens on port 9: the audit cannot run.
        var offline = workspace.Build(Sample, $"-p:SecureBuildLedgerFile={ledger}", "-p:SecureBuildAdvisorySources=osv-api", "-p:SecureBuildAdvisoryApi=http://127.0.0.1:9/",
            $"-p:SecureBuildAdvisoryCache={Path.Combine(workspace.Folder, ".cache")}", "--no-restore");

        Assert.NotEqual(0, offline.ExitCode);
        var audit = AuditDiagnostics(offline);
        Assert.Contains(audit, d => (d.Severity, d.Code) == ("error", "SSB0200"));
        var incomplete = Assert.Single(audit, d => d.Code == "SSB0209");
        Assert.Contains("were NOT updated", incomplete.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(offline.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB5", StringComparison.Ordinal));
        Assert.Equal(recorded, File.ReadAllBytes(ledger));
        Assert.DoesNotContain("\"fixed\"", File.ReadAllText(ledger), StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(workspace.PathOf(Sample, "obj", "securebuild", "findings.json")));
        using var json = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.json")));
        Assert.Equal((false, "not-run"), (json.RootElement.GetProperty("complete").GetBoolean(), json.RootElement.GetProperty("outcome").GetString()));
        using var sarif = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.sarif")));
        Assert.False(sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Build_WithAnImportedDump_UsesItByDefaultAsTheCliDoes()
    {
        var workspace = package.CreateWorkspace();
        var cache = Path.Combine(workspace.Folder, ".cache");
        Directory.CreateDirectory(cache);
        // An imported dump is a snapshot file in the cache; the package's own snapshot has that format.
        var shipped = Directory.GetFiles(package.PackagesFolder, "advisories.snapshot.json.gz", SearchOption.AllDirectories).First();
        File.Copy(shipped, Path.Combine(cache, "osv-dump.snapshot.json.gz"));

        var build = workspace.Build(Sample, $"-p:SecureBuildAdvisoryCache={cache}");

        using var json = JsonDocument.Parse(File.ReadAllText(workspace.PathOf(Sample, "obj", "securebuild", "audit.json")));
        Assert.Equal(["embedded", "osv-dump"], json.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("source").GetString()));
        Assert.Contains("SecureBuild: audited", build.Output, StringComparison.Ordinal);
        Assert.Matches(@"osv-dump 2024-10-09 \(237 records\)", build.Output);
        // The build's advice names the build's properties.
        var stale = AuditDiagnostics(build).First(d => d.Code == "SSB0202").Message;
        Assert.Contains("SecureBuildAdvisoryMaxAge", stale, StringComparison.Ordinal);
        Assert.Contains("SecureBuildAdvisoryCache=", stale, StringComparison.Ordinal);
        Assert.DoesNotContain("--", stale, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AssetsFileWithAnUnparseableVersion_IsSsb0208NamingThePackage()
    {
        var workspace = package.CreateWorkspace();
        Assert.Equal(0, workspace.Dotnet(["restore", workspace.ProjectFile(Sample)]).ExitCode);
        var assets = workspace.PathOf(Sample, "obj", "project.assets.json");
        File.WriteAllText(assets, File.ReadAllText(assets).Replace("System.Drawing.Common/4.7.0", "System.Drawing.Common/4.7.0-", StringComparison.Ordinal));

        var build = workspace.Build(Sample, "--no-restore");

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(AuditDiagnostics(build), d => d.Code == "SSB0208");
        Assert.Equal("error", error.Severity);
        Assert.Contains("Package 'System.Drawing.Common'", error.Message, StringComparison.Ordinal);
        Assert.Contains(AuditDiagnostics(build), d => d.Code == "SSB0209");
    }

    [Fact]
    public void InstalledTool_AuditOfTheVulnerableSample_UsesItsShippedSnapshotAndExitsOne()
    {
        var workspace = package.CreateWorkspace();
        var securebuild = workspace.InstallTool();
        Assert.Equal(0, workspace.Dotnet(["restore", workspace.ProjectFile(Sample)]).ExitCode);
        var cache = Path.Combine(workspace.Folder, ".advisory-cache");

        var audit = ProcessRunner.Run(securebuild, ["audit", workspace.PathOf(Sample), "--cache", cache], workspace.Folder);
        var info = ProcessRunner.Run(securebuild, ["db", "info", "--cache", cache], workspace.Folder);

        Assert.True(audit.ExitCode == 1, audit.All);
        Assert.Matches(@"System\.Drawing\.Common\s+4\.7\.0\s+critical\s+9\.8\s+GHSA-rxg9-xrhp-64gj/CVE-2021-24112\s+4\.7\.2\s+direct\s+SSB4004 VulnerableWebApp\.csproj:" + LineOf(workspace.ProjectFile(Sample), "Include=\"System.Drawing.Common\""), audit.Output);
        Assert.Equal(0, info.ExitCode);
        Assert.Matches(@"embedded\s+\S+\s+237\s+\d+\s+2024-10-09", info.Output);
    }

    private static List<BuildDiagnostic> AuditDiagnostics(BuildResult build) =>
        build.SecureBuildDiagnostics.Where(d => d.Code.StartsWith("SSB4", StringComparison.Ordinal) || d.Code.StartsWith("SSB02", StringComparison.Ordinal)).ToList();

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(file).Select((l, i) => (l, i)).Single(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    private static void Suppress(SampleWorkspace workspace, string id, string metadata)
    {
        var project = workspace.ProjectFile(Sample);
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</Project>",
            $"  <ItemGroup>\n    <SecureBuildSuppress Include=\"{id}\" {metadata} />\n  </ItemGroup>\n</Project>",
            StringComparison.Ordinal));
    }
}
