using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>Patch deadlines (SSB5xxx) evaluated after the audit in a real <c>dotnet build</c> with the packed package.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed class DeadlineTests(PackageFixture package)
{
    // GHSA-5crp-9r3c-p9vr (LOW, Newtonsoft.Json < 13.0.1) was published at this time; the minor class allows 14 days.
    private const string LowAdvisoryPublished = "2022-06-22T15:08:47Z";

    [Fact]
    public void Build_CriticalAdvisoryPresent_FailsWithSsb5001()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp");

        Assert.NotEqual(0, build.ExitCode);
        var deadline = Assert.Single(Deadlines(build));
        var project = workspace.ProjectFile("VulnerableWebApp");
        var line = File.ReadAllLines(project).ToList().FindIndex(l => l.Contains("Include=\"System.Drawing.Common\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(("error", "SSB5001", project, line), (deadline.Severity, deadline.Code, deadline.File, deadline.Line));
        Assert.StartsWith("GHSA-rxg9-xrhp-64gj in System.Drawing.Common 4.7.0 (CRITICAL) was due by 2022-05-24", deadline.Message, StringComparison.Ordinal);
        Assert.Matches(@"and is \d+ days overdue", deadline.Message);
    }

    [Theory]
    [InlineData(10, "warning", "SSB5002")]
    [InlineData(15, "error", "SSB5001")]
    public void Build_MinorAdvisory_WarnsBeforeTheTwoWeekDeadlineAndFailsAfterIt(int daysAfterPublication, string severity, string code)
    {
        var workspace = package.CreateWorkspace();
        var project = workspace.ProjectFile("CleanApp");
        File.WriteAllText(project, File.ReadAllText(project).Replace("Include=\"Newtonsoft.Json\" Version=\"13.0.3\"", "Include=\"Newtonsoft.Json\" Version=\"12.0.3\"", StringComparison.Ordinal));
        // The team warns a week ahead instead of the default three days, so day 10 of 14 is inside the warning window.
        var policy = Path.Combine(workspace.Folder, "patch-policy.json");
        File.WriteAllText(policy, """{ "version": 1, "warningDays": 7 }""");
        var asOf = DateTimeOffset.Parse(LowAdvisoryPublished).AddDays(daysAfterPublication).ToString("O");

        var build = workspace.Build("CleanApp", $"-p:SecureBuildSlaPolicyFile={policy}", $"-p:SecureBuildSlaAsOf={asOf}");

        var deadline = Assert.Single(Deadlines(build));
        Assert.Equal((severity, code), (deadline.Severity, deadline.Code));
        Assert.StartsWith("GHSA-5crp-9r3c-p9vr in Newtonsoft.Json 12.0.3 (LOW)", deadline.Message, StringComparison.Ordinal);
        Assert.Equal(severity == "error", build.ExitCode != 0);
    }

    [Fact]
    public void Build_WithLedger_RecordsTheFindingForTheSecurityLead()
    {
        var workspace = package.CreateWorkspace();
        var ledger = Path.Combine(workspace.Folder, "securebuild-ledger.json");

        workspace.Build("VulnerableWebApp", $"-p:SecureBuildLedgerFile={ledger}");

        var text = File.ReadAllText(ledger);
        Assert.Contains("\"advisory\":\"GHSA-rxg9-xrhp-64gj\"", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"project\":\"VulnerableWebApp\"", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static List<BuildDiagnostic> Deadlines(BuildResult build) =>
        build.SecureBuildDiagnostics.Where(d => d.Code.StartsWith("SSB5", StringComparison.Ordinal)).ToList();
}
