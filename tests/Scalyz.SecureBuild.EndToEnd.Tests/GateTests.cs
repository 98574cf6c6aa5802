using System.Text.Json.Nodes;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>The release gate run by the installed tool on the SBOM a real <c>dotnet build</c> wrote.</summary>
[Collection(PackedPackageGroup.Name)]
public sealed class GateTests(PackageFixture package)
{
    // GHSA-rxg9-xrhp-64gj (CRITICAL, System.Drawing.Common < 4.7.2, which VulnerableWebApp references) was published
    // on 2022-05-24T17:43:19Z. The shipped snapshot is dated 2024-10-09: at both gate clocks below it is newer than the
    // clock, so the default 30-day maximum age holds and only the advisory's publication decides the verdict.
    private const string BeforePublication = "2022-05-20T00:00:00Z";
    private const string AfterPublication = "2022-05-25T00:00:00Z";

    [Fact]
    public void Gate_BuiltSbom_PassesAndIsRecordedBeforeTheAdvisory_ThenFailsOnceItIsPublished()
    {
        var workspace = package.CreateWorkspace();
        workspace.Build("VulnerableWebApp");
        var sbom = workspace.PathOf("VulnerableWebApp", "obj", "securebuild", "sbom.cdx.json");
        Assert.True(File.Exists(sbom), "The build wrote no SBOM.");
        var securebuild = workspace.InstallTool();
        var ledger = Path.Combine(workspace.Folder, "securebuild-ledger.json");
        var evidence = Path.Combine(workspace.Folder, "evidence");
        string[] common = ["gate", "--sbom", sbom, "--ledger", ledger, "--cache", Path.Combine(workspace.Folder, ".advisory-cache"), "--evidence", evidence];

        // --build: the SBOM must list exactly the packages the restored project ships, with the assets file's hashes.
        var first = ProcessRunner.Run(securebuild, [.. common, "--release", "1.0.0", "--as-of", BeforePublication, "--build", workspace.ProjectFile("VulnerableWebApp")], workspace.Folder);

        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("Release gate: VulnerableWebApp 1.0.0 at 2022-05-20T00:00:00Z", first.Output, StringComparison.Ordinal);
        Assert.Contains("PASSED: nothing stops this release.", first.Output, StringComparison.Ordinal);
        Assert.Equal([("1.0.0", "VulnerableWebApp")], Releases(ledger));
        Assert.Contains("\"verdict\": \"passed\"", File.ReadAllText(Path.Combine(evidence, "gate-1.0.0.json")), StringComparison.Ordinal);

        var second = ProcessRunner.Run(securebuild, [.. common, "--release", "1.0.1", "--as-of", AfterPublication], workspace.Folder);

        Assert.True(second.ExitCode == 1, second.All);
        Assert.Contains("FAILED: 2 reason(s)", second.Output, StringComparison.Ordinal);
        Assert.Contains("SSB3106 System.Drawing.Common 4.7.0 has the CRITICAL advisory GHSA-rxg9-xrhp-64gj (published 2022-05-24): upgrade to 4.7.2 or later.", second.Output, StringComparison.Ordinal);
        Assert.Contains("SSB3107 Patch deadline breached: GHSA-rxg9-xrhp-64gj in System.Drawing.Common 4.7.0 (CRITICAL)", second.Output, StringComparison.Ordinal);
        Assert.Equal([("1.0.0", "VulnerableWebApp")], Releases(ledger));
        Assert.Contains("\"verdict\": \"failed\"", File.ReadAllText(Path.Combine(evidence, "gate-1.0.1.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_TodayWithOnlyTheShippedSnapshot_FailsClosedOnStaleAdvisoryData()
    {
        var workspace = package.CreateWorkspace();
        workspace.Build("CleanApp");
        var securebuild = workspace.InstallTool();

        var gate = ProcessRunner.Run(securebuild, ["gate", "--sbom", workspace.PathOf("CleanApp", "obj", "securebuild", "sbom.cdx.json"), "--release", "2.0.0", "--dry-run", "--cache", Path.Combine(workspace.Folder, ".advisory-cache")], workspace.Folder);

        Assert.True(gate.ExitCode == 1, gate.All);
        var reason = Assert.Single(gate.Output.Split('\n'), l => l.TrimStart().StartsWith("SSB31", StringComparison.Ordinal));
        Assert.Matches(@"SSB3108 The 'embedded' advisory data is dated 2024-10-09, \d+ days before the gate", reason);
    }

    private static List<(string?, string?)> Releases(string ledger) =>
        JsonNode.Parse(File.ReadAllText(ledger))!["releases"]!.AsArray().Select(r => ((string?)r!["version"], (string?)r["project"])).ToList();
}
