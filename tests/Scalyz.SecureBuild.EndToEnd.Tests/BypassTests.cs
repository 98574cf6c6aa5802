using System.Text.Json.Nodes;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// Policy-bypass evidence through real <c>dotnet build</c>s of the packed package and the installed tool: the build
/// collects suppressed rules and switches, the release gate refuses unjustified ones and the SLA report lists them.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class BypassTests(PackageFixture package)
{
    // The shipped snapshot is dated 2024-10-09: a gate clock the day after keeps the data fresh, so only bypasses decide.
    private const string GateClock = "2024-10-10T00:00:00Z";

    [Fact]
    public void BarePragma_WarnsInTheBuild_FailsTheGateNamingRuleAndFile_AndTheSlaReportShowsIt()
    {
        var workspace = package.CreateWorkspace();
        var line = PlantWeakHash(workspace, "#pragma warning disable SSB2001");
        var ledger = Path.Combine(workspace.Folder, "securebuild-ledger.json");

        var build = workspace.Build("CleanApp", $"-p:SecureBuildLedgerFile={ledger}");

        Assert.True(build.ExitCode == 0, build.Output);
        var warning = Assert.Single(build.SecureBuildDiagnostics, d => d.Code == "SSB0400");
        Assert.Equal(("warning", workspace.PathOf("CleanApp", "Program.cs"), line), (warning.Severity, warning.File, warning.Line));
        Assert.Contains("Suppressing SSB2001 (pragma)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code == "SSB2001");

        var securebuild = workspace.InstallTool();
        var gate = Gate(workspace, securebuild, "1.0.0");

        Assert.True(gate.ExitCode == 1, gate.All);
        var reason = Assert.Single(gate.Output.Split('\n'), l => l.TrimStart().StartsWith("SSB3120", StringComparison.Ordinal));
        Assert.Contains($"CleanApp: SSB2001 suppressed by pragma at Program.cs({line}) has no accepted reason", reason, StringComparison.Ordinal);

        var report = ProcessRunner.Run(securebuild, ["sla", "report", "--ledger", ledger, "--as-of", GateClock], workspace.Folder);
        Assert.True(report.ExitCode == 0, report.All);
        var section = report.Output[report.Output.IndexOf("Active bypasses", StringComparison.Ordinal)..];
        var row = Assert.Single(section.Split('\n'), l => l.StartsWith("CleanApp ", StringComparison.Ordinal));
        Assert.Matches($@"^CleanApp\s+pragma\s+SSB2001\s+Program\.cs\({line}\)\s+no\s+\(none\)", row);
        // CleanLib was built too (a project reference) and records that it has no bypass.
        Assert.DoesNotContain(section.Split('\n'), l => l.StartsWith("CleanLib", StringComparison.Ordinal));
    }

    [Fact]
    public void NoWarn_FailsTheGateNamingRuleAndProjectFile()
    {
        var workspace = package.CreateWorkspace();
        PlantWeakHash(workspace, null);
        var project = workspace.ProjectFile("CleanApp");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable>\n    <NoWarn>$(NoWarn);SSB2001</NoWarn>", StringComparison.Ordinal));
        var line = File.ReadAllLines(project).ToList().FindIndex(l => l.Contains("<NoWarn>", StringComparison.Ordinal)) + 1;

        var build = workspace.Build("CleanApp");

        Assert.True(build.ExitCode == 0, build.Output);
        var warning = Assert.Single(build.SecureBuildDiagnostics, d => d.Code == "SSB0400");
        Assert.Equal((project, line), (warning.File, warning.Line));
        var securebuild = workspace.InstallTool();
        var gate = Gate(workspace, securebuild, "1.0.0");

        Assert.True(gate.ExitCode == 1, gate.All);
        var reason = Assert.Single(gate.Output.Split('\n'), l => l.TrimStart().StartsWith("SSB3120", StringComparison.Ordinal));
        Assert.Contains($"CleanApp: SSB2001 suppressed by no-warn at CleanApp.csproj({line}) has no accepted reason (NoWarn includes SSB2001)", reason, StringComparison.Ordinal);

        // The security lead allows exactly this NoWarn, with a reason, in the gate policy: the release passes and says why.
        var policy = Path.Combine(workspace.Folder, "gate-policy.json");
        File.WriteAllText(policy, """{ "version": 1, "allowedBypasses": [ { "target": "SSB2001", "kind": "no-warn", "project": "CleanApp", "reason": "legacy checksum format until 2027, SEC-42" } ] }""");
        var allowed = Gate(workspace, securebuild, "1.0.0", "--gate-policy", policy);

        Assert.True(allowed.ExitCode == 0, allowed.All);
        Assert.Contains($"Justified bypass: CleanApp: SSB2001 suppressed by no-warn at CleanApp.csproj({line}) (allowed by the gate policy: legacy checksum format until 2027, SEC-42)", allowed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PragmaWithAReasonOnItsLine_PassesTheGate_AndIsListedInEveryEvidenceFormat()
    {
        var workspace = package.CreateWorkspace();
        const string Reason = "MD5 only names cache files here, it protects nothing";
        var line = PlantWeakHash(workspace, $"#pragma warning disable SSB2001 // {Reason}");

        var build = workspace.Build("CleanApp");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB04", StringComparison.Ordinal));
        var evidence = JsonNode.Parse(File.ReadAllText(workspace.PathOf("CleanApp", "obj", "securebuild", "bypasses.json")))!;
        var item = Assert.Single(evidence["bypasses"]!.AsArray())!;
        Assert.Equal(("pragma", "SSB2001", "Program.cs", line, true, Reason),
            ((string?)item["kind"], (string?)item["target"], (string?)item["file"], (int)item["line"]!, (bool)item["justified"]!, (string?)item["reason"]));

        var folder = Path.Combine(workspace.Folder, "evidence");
        var gate = Gate(workspace, workspace.InstallTool(), "1.0.0", "--evidence", folder);

        Assert.True(gate.ExitCode == 0, gate.All);
        Assert.Contains($"Justified bypass: CleanApp: SSB2001 suppressed by pragma at Program.cs({line}) ({Reason})", gate.Output, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "gate-1.0.0.json")))!;
        var listed = Assert.Single(json["bypasses"]!.AsArray())!;
        Assert.Equal(("SSB2001", true, Reason), ((string?)listed["target"], (bool)listed["accepted"]!, (string?)listed["reason"]));
        Assert.Contains($"| CleanApp | SSB2001 suppressed by pragma | Program.cs({line}) | yes | {Reason} |", File.ReadAllText(Path.Combine(folder, "gate-1.0.0.md")), StringComparison.Ordinal);
        var sarif = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "gate-1.0.0.sarif")))!;
        var suppression = sarif["runs"]![0]!["results"]!.AsArray().Single(r => r!["suppressions"] is not null)!["suppressions"]![0]!;
        Assert.Equal(("inSource", "accepted", Reason), ((string?)suppression["kind"], (string?)suppression["status"], (string?)suppression["justification"]));
    }

    [Fact]
    public void ProjectWithoutBypass_PassesTheGate_AndTheSlaReportShowsNone()
    {
        var workspace = package.CreateWorkspace();
        var ledger = Path.Combine(workspace.Folder, "securebuild-ledger.json");

        var build = workspace.Build("CleanApp", $"-p:SecureBuildLedgerFile={ledger}");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.SecureBuildDiagnostics, d => d.Code.StartsWith("SSB04", StringComparison.Ordinal));
        var securebuild = workspace.InstallTool();
        var gate = Gate(workspace, securebuild, "1.0.0");
        Assert.True(gate.ExitCode == 0, gate.All);
        Assert.DoesNotContain("bypass", gate.Output, StringComparison.OrdinalIgnoreCase);

        var report = ProcessRunner.Run(securebuild, ["sla", "report", "--ledger", ledger, "--as-of", GateClock, "--format", "json"], workspace.Folder);
        Assert.True(report.ExitCode == 0, report.All);
        Assert.Empty(JsonNode.Parse(report.Output)!["bypasses"]!.AsArray());
    }

    [Fact]
    public void SecureBuildEnabledFalse_StillWritesItsOwnEvidence()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp", "-p:SecureBuildEnabled=false");

        Assert.True(build.ExitCode == 0, build.Output);
        // Given on the command line, the switch has no file of its own: it is reported at each project built (CleanLib too).
        var warning = Assert.Single(build.SecureBuildDiagnostics, d => d.Code == "SSB0401" && d.File == workspace.ProjectFile("CleanApp"));
        Assert.Contains("The switch SecureBuildEnabled has no accepted reason", warning.Message, StringComparison.Ordinal);
        var evidence = JsonNode.Parse(File.ReadAllText(workspace.PathOf("CleanApp", "obj", "securebuild", "bypasses.json")))!;
        var item = Assert.Single(evidence["bypasses"]!.AsArray())!;
        Assert.Equal(("switch", "SecureBuildEnabled", false), ((string?)item["kind"], (string?)item["target"], (bool)item["justified"]!));
    }

    // Writes an MD5 use into CleanApp's Program.cs, after the given pragma line when there is one; returns the pragma's line.
    private static int PlantWeakHash(SampleWorkspace workspace, string? pragma)
    {
        var program = workspace.PathOf("CleanApp", "Program.cs");
        var lines = File.ReadAllLines(program).ToList();
        var at = lines.Count;
        if (pragma is not null)
        {
            lines.Add(pragma);
        }

        lines.Add("Console.WriteLine(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(\"cache-key\"u8)));");
        File.WriteAllLines(program, lines);
        return at + 1;
    }

    private static ProcessResult Gate(SampleWorkspace workspace, string securebuild, string release, params string[] more) =>
        ProcessRunner.Run(securebuild,
        [
            "gate", "--sbom", workspace.PathOf("CleanApp", "obj", "securebuild", "sbom.cdx.json"), "--release", release, "--dry-run",
            "--as-of", GateClock, "--cache", Path.Combine(workspace.Folder, ".advisory-cache"), "--build", workspace.ProjectFile("CleanApp"), .. more,
        ], workspace.Folder);
}
