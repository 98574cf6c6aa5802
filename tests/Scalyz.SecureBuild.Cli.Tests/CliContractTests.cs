using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Cli.Tests;

/// <summary>
/// The CLI keeps its contract under careless and hostile input: cli.md's exit codes, one-line errors for output paths,
/// strict JSON inputs (duplicate keys, BOM), folder scans that do not follow directory symlinks, validated values,
/// first-party components in the SBOM, .slnf, unrestored projects, SPDX in audit, temp files removed on SIGTERM.
/// </summary>
public sealed class CliContractTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-cli-contract-").FullName;
    private readonly string _app;
    private readonly string _cache;

    public CliContractTests()
    {
        var assets = File.ReadAllText(Path.Combine(Data, "sbom", "app.assets.json"))
            .Replace("/nonexistent/.nuget/packages/", JsonEncodedText.Encode(Path.Combine(Data, "sbom", "packages") + Path.DirectorySeparatorChar).ToString(), StringComparison.Ordinal);
        _app = AddProject("src", "Contoso.App", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><Authors>Jane Doe;John Roe</Authors></PropertyGroup></Project>", assets);
        File.WriteAllText(Path.Combine(_folder, "src", "Directory.Build.props"), "<Project><PropertyGroup><Company>Contoso Ltd</Company></PropertyGroup></Project>");
        _cache = Directory.CreateDirectory(Path.Combine(_folder, "cache")).FullName;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every command, with arguments that make it do its work on good input (or fail on the input named).</summary>
    public static TheoryData<string> Commands => ["deps", "sbom", "audit", "db import", "gate", "sla report", "sla history", "sla accept", "sla record"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void ExitCodes_EveryCommandUsesOnlyTheCodesOfCliMdAndTheRightOne(string command)
    {
        var table = ExitCodeTable();
        Assert.Equal([0, 1, 2, 3, 4, 5], table.Keys.Order());
        var missing = Path.Combine(_folder, "no-such-file.json");
        var verb = command.Split(' ');

        // Usage: an unknown option is 2.
        var unknown = CliRunner.Run([.. verb, "--no-such-option", .. RequiredArguments(command, missing)]);
        Assert.True(unknown.ExitCode == 2, $"{command}: {unknown.ExitCode} {unknown.Error}");
        Assert.Contains(table[2].Split(' ')[0], "usage", StringComparison.Ordinal);

        // Bad input: a file that does not exist is 3, one line, naming the file.
        var bad = CliRunner.Run([.. verb, .. RequiredArguments(command, missing)]);
        Assert.True(bad.ExitCode == 3, $"{command}: {bad.ExitCode} {bad.Error}");
        Assert.Single(bad.Error.TrimEnd().Split('\n'));
        Assert.Contains("no-such-file", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deps")]
    [InlineData("sbom")]
    [InlineData("audit")]
    [InlineData("sla report")]
    public void Output_AFolderOrTheChildOfAFile_IsOneLineAndExit3(string command)
    {
        var ledger = Path.Combine(_folder, "ledger.json");
        File.Copy(Path.Combine(Data, "sla", "ledger.json"), ledger);
        string[] input = command == "sla report" ? ["--ledger", ledger] : command == "audit" ? [_app, "--cache", _cache] : [_app];
        var childOfFile = Path.Combine(_app, "out.json");
        var targets = new List<string> { _folder, childOfFile };
        if (OperatingSystem.IsLinux())
        {
            targets.Add("/proc/securebuild-cannot-write-here.json"); // not writable, even for root
        }

        foreach (var target in targets)
        {
            var (code, _, error) = CliRunner.Run([.. command.Split(' '), .. input, "-o", target]);

            Assert.True(code == 3, $"{command} -o {target}: {code} {error}");
            var errors = error.TrimEnd().Split('\n').Where(l => !l.StartsWith("warning ", StringComparison.Ordinal)).ToList();
            Assert.StartsWith("error SSB0004: ", Assert.Single(errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BadValues_AreUsageErrorsInWords()
    {
        var negative = CliRunner.Run("audit", _app, "--cache", _cache, "--max-age", "-5");
        Assert.Equal(ExitCodes.UsageError, negative.ExitCode);
        Assert.Contains("--max-age must be 0 or more days", negative.Error, StringComparison.Ordinal);

        var word = CliRunner.Run("audit", _app, "--cache", _cache, "--max-age", "abc");
        Assert.Equal(ExitCodes.UsageError, word.ExitCode);
        Assert.Contains("a whole number", word.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Int32", word.Error, StringComparison.Ordinal);

        var source = CliRunner.Run("audit", _app, "--cache", _cache, "--sources", "nvd");
        Assert.Equal(ExitCodes.UsageError, source.ExitCode);
        Assert.Contains("--sources", source.Error, StringComparison.Ordinal);

        var sbom = WriteSbom("cyclonedx");
        var release = CliRunner.Run("gate", "--sbom", sbom, "--release", "", "--ledger", Path.Combine(_folder, "l.json"), "--cache", _cache);
        Assert.Equal(ExitCodes.UsageError, release.ExitCode);
        Assert.Contains("--release", release.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SlaAccept_AnAdvisoryNobodyKnows_IsRefusedUnlessForced()
    {
        var ledger = Path.Combine(_folder, "accept-ledger.json");
        string[] common = ["--reason", "no fix yet", "--until", "2099-01-01", "--actor", "sec-lead", "--ledger", ledger];

        var unknown = CliRunner.Run(["sla", "accept", "GHSA-zzzz-zzzz-zzzz", .. common]);
        Assert.Equal(ExitCodes.UsageError, unknown.ExitCode);
        Assert.Contains("--force", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ledger));

        // Known to the embedded advisory data (a real published advisory).
        var known = CliRunner.Run(["sla", "accept", "GHSA-rxg9-xrhp-64gj", .. common]);
        Assert.True(known.ExitCode == 0, known.Error);

        var forced = CliRunner.Run(["sla", "accept", "GHSA-zzzz-zzzz-zzzz", "--force", .. common]);
        Assert.True(forced.ExitCode == 0, forced.Error);
    }

    [Fact]
    public void SlaRecord_AnAuditReport_IsRefusedNotFiledUnderItsPaths()
    {
        var report = Path.Combine(_folder, "audit.json");
        var audit = CliRunner.Run("audit", _app, "--cache", _cache, "-f", "json", "-o", report);
        Assert.True(audit.ExitCode is 0 or 1, audit.Error);
        var ledger = Path.Combine(_folder, "record-ledger.json");

        var (code, _, error) = CliRunner.Run("sla", "record", report, "--ledger", ledger, "--actor", "ci");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is an audit report", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ledger));
    }

    [Fact]
    public void DuplicateKeys_InEveryJsonInput_AreAnErrorNamingKeyAndLine()
    {
        var policy = Write("policy.json", "{\n  \"version\": 1,\n  \"classes\": {\n    \"critical\": { \"days\": 0,\n      \"days\": 3650 }\n  }\n}\n");
        var ledger = Path.Combine(_folder, "ledger.json");
        File.Copy(Path.Combine(Data, "sla", "ledger.json"), ledger);
        var report = CliRunner.Run("sla", "report", "--ledger", ledger, "--policy", policy);
        Assert.Equal(ExitCodes.BadInput, report.ExitCode);
        Assert.Contains("\"days\" twice", report.Error, StringComparison.Ordinal);
        Assert.Contains("(line 5)", report.Error, StringComparison.Ordinal);

        var twiceLedger = Write("twice-ledger.json", "{\"schemaVersion\": 1,\n\"schemaVersion\": 1, \"findings\": [], \"history\": []}");
        var history = CliRunner.Run("sla", "history", "--ledger", twiceLedger);
        Assert.Equal(ExitCodes.BadInput, history.ExitCode);
        Assert.Contains("\"schemaVersion\" twice", history.Error, StringComparison.Ordinal);

        var findings = Write("findings.json", "{\"findings\": [{\"advisory\": \"GHSA-1\", \"advisory\": \"GHSA-2\", \"package\": \"P\", \"version\": \"1.0.0\", \"project\": \"A\", \"severity\": \"LOW\"}]}");
        var record = CliRunner.Run("sla", "record", findings, "--ledger", Path.Combine(_folder, "new-ledger.json"), "--actor", "ci");
        Assert.Equal(ExitCodes.BadInput, record.ExitCode);
        Assert.Contains("\"advisory\" twice", record.Error, StringComparison.Ordinal);

        var sbom = File.ReadAllText(WriteSbom("cyclonedx"));
        var twiceSbom = Write("twice.cdx.json", sbom.Replace("\"bomFormat\": \"CycloneDX\",", "\"bomFormat\": \"CycloneDX\",\n  \"bomFormat\": \"CycloneDX\",", StringComparison.Ordinal));
        var audit = CliRunner.Run("audit", twiceSbom, "--cache", _cache);
        Assert.Equal(ExitCodes.BadInput, audit.ExitCode);
        Assert.Contains("\"bomFormat\" twice", audit.Error, StringComparison.Ordinal);
        Assert.Contains("(line 4)", audit.Error, StringComparison.Ordinal);

        var gatePolicy = Write("gate.json", "{\"version\": 1, \"bannedPackages\": [\"Newtonsoft.Json\"],\n \"bannedPackages\": []}");
        var gate = CliRunner.Run("gate", "--sbom", WriteSbom("cyclonedx"), "--release", "1.0", "--gate-policy", gatePolicy, "--ledger", Path.Combine(_folder, "g.json"), "--cache", _cache);
        Assert.Equal(ExitCodes.BadInput, gate.ExitCode);
        Assert.Contains("\"bannedPackages\" twice", gate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMark_IsAcceptedInPolicyLedgerAndSbom()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var ledger = Path.Combine(_folder, "ledger.json");
        File.WriteAllBytes(ledger, [.. bom, .. File.ReadAllBytes(Path.Combine(Data, "sla", "ledger.json"))]);
        var policy = Path.Combine(_folder, "policy.json");
        File.WriteAllBytes(policy, [.. bom, .. File.ReadAllBytes(Path.Combine(Data, "sla", "policy.json"))]);
        var report = CliRunner.Run("sla", "report", "--ledger", ledger, "--policy", policy, "--as-of", "2026-11-21T12:00:00Z");
        Assert.True(report.ExitCode == 0, report.Error);

        var sbom = WriteSbom("cyclonedx");
        File.WriteAllBytes(sbom, [.. bom, .. File.ReadAllBytes(sbom)]);
        var audit = CliRunner.Run("audit", sbom, "--cache", _cache, "--level", "critical");
        Assert.True(audit.ExitCode is 0 or 1, audit.Error);
    }

    [Fact]
    public void FolderScan_DoesNotFollowDirectorySymlinks()
    {
        Directory.CreateSymbolicLink(Path.Combine(_folder, "src", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "loop"), _folder);

        var (code, output, error) = CliRunner.Run("deps", _folder, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray());
    }

    [Fact]
    public void Sbom_FirstPartyProjects_HaveAProjectRefSupplierAndAuthorsButNoPurlOrHash()
    {
        var (code, output, error) = CliRunner.Run("sbom", _app, "--timestamp", "0");

        Assert.True(code == 0, error);
        using var bom = JsonDocument.Parse(output);
        var metadata = bom.RootElement.GetProperty("metadata");
        var root = metadata.GetProperty("component");
        Assert.Equal("project:Contoso.App@3.1.0", root.GetProperty("bom-ref").GetString());
        Assert.Equal("application", root.GetProperty("type").GetString());
        Assert.Equal("Contoso Ltd", root.GetProperty("supplier").GetProperty("name").GetString());
        Assert.Equal(["Jane Doe", "John Roe"], root.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.False(root.TryGetProperty("purl", out _));
        Assert.False(root.TryGetProperty("hashes", out _));
        // The author of the SBOM data is the project's company, as in the build.
        Assert.Equal("Contoso Ltd", metadata.GetProperty("authors")[0].GetProperty("name").GetString());
        // Every direct package hangs off the project node.
        var edges = bom.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "project:Contoso.App@3.1.0");
        Assert.NotEmpty(edges.GetProperty("dependsOn").EnumerateArray());
        Assert.All(bom.RootElement.GetProperty("components").EnumerateArray(), c =>
            Assert.Equal(c.GetProperty("bom-ref").GetString()!.StartsWith("pkg:nuget/", StringComparison.Ordinal), c.TryGetProperty("purl", out _)));

        var withPurls = CliRunner.Run("sbom", _app, "--timestamp", "0", "--project-purls");
        using var purled = JsonDocument.Parse(withPurls.Output);
        Assert.Equal("pkg:nuget/Contoso.App@3.1.0", purled.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("purl").GetString());

        var spdx = CliRunner.Run("sbom", _app, "--timestamp", "0", "-f", "spdx");
        using var document = JsonDocument.Parse(spdx.Output);
        var described = document.RootElement.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Contoso.App");
        Assert.Equal("Organization: Contoso Ltd", described.GetProperty("supplier").GetString());
        Assert.False(described.TryGetProperty("externalRefs", out _));
        Assert.False(described.TryGetProperty("checksums", out _));
    }

    [Fact]
    public void Sbom_SolutionFilter_DescribesOnlyItsProjects()
    {
        var assets = File.ReadAllText(Path.Combine(_app[..^".csproj".Length] + ".csproj", "..", "obj", "project.assets.json"))
            .Replace("\"projectName\": \"Contoso.App\"", "\"projectName\": \"Contoso.Worker\"", StringComparison.Ordinal);
        AddProject("src", "Contoso.Worker", "<Project Sdk=\"Microsoft.NET.Sdk\" />", assets);
        File.WriteAllText(Path.Combine(_folder, "All.sln"), "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Contoso.App\", \"src\\Contoso.App\\Contoso.App.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\nProject(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Contoso.Worker\", \"src\\Contoso.Worker\\Contoso.Worker.csproj\", \"{22222222-2222-2222-2222-222222222222}\"\nEndProject\n");
        var filter = Write("App.slnf", "{\"solution\": {\"path\": \"All.sln\", \"projects\": [\"src\\\\Contoso.Worker\\\\Contoso.Worker.csproj\"]}}");

        var (code, output, error) = CliRunner.Run("sbom", filter, "--timestamp", "0");

        Assert.True(code == 0, error);
        using var bom = JsonDocument.Parse(output);
        Assert.Equal("Contoso.Worker", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
    }

    [Fact]
    public void Sbom_UnrestoredProjects_AreListedAndCanBeLeftOutExplicitly()
    {
        AddProject("src", "Contoso.Api", "<Project Sdk=\"Microsoft.NET.Sdk\" />", null);
        AddProject("src", "Contoso.Jobs", "<Project Sdk=\"Microsoft.NET.Sdk\" />", null);

        var refused = CliRunner.Run("sbom", _folder);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.StartsWith("error SSB0002: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Contoso.Api.csproj, Contoso.Jobs.csproj", refused.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet restore", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--skip-unrestored", refused.Error, StringComparison.Ordinal);

        var (code, output, error) = CliRunner.Run("sbom", _folder, "--skip-unrestored", "--app-name", "Contoso", "--timestamp", "0");
        Assert.True(code == 0, error);
        using var bom = JsonDocument.Parse(output);
        var leftOut = bom.RootElement.GetProperty("metadata").GetProperty("properties").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() == "securebuild:leftOutProject").Select(p => p.GetProperty("value").GetString());
        Assert.Equal(["Contoso.Api", "Contoso.Jobs"], leftOut);
    }

    [Fact]
    public void Audit_ReadsTheSpdxSbomTheToolWrites_AndNamesTheComponent()
    {
        var cdx = CliRunner.Run("audit", WriteSbom("cyclonedx"), "--cache", _cache, "--level", "low");
        var spdx = CliRunner.Run("audit", WriteSbom("spdx"), "--cache", _cache, "--level", "low");

        Assert.True(spdx.ExitCode is 0 or 1, spdx.Error);
        Assert.Equal(cdx.ExitCode, spdx.ExitCode);
        Assert.DoesNotContain(":0", spdx.Output, StringComparison.Ordinal);
        if (spdx.ExitCode == 1)
        {
            Assert.Contains("component ", spdx.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoStackTrace_WhenTheLedgerIsAFolder()
    {
        var (code, _, error) = CliRunner.Run("sla", "report", "--ledger", _folder);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigterm_DuringAWrite_LeavesNoTemporaryFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a POSIX signal.
        }

        var output = Path.Combine(_folder, "out", "sbom.cdx.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "securebuild.dll"), "sbom", _app, "-o", output })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SECUREBUILD_TEST_WRITE_PAUSE_MS"] = "30000";
        using var process = Process.Start(start)!;
        var folder = Path.GetDirectoryName(output)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Directory.Exists(folder) && Directory.GetFiles(folder, ".*.tmp").Length > 0) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.True(Directory.GetFiles(folder, ".*.tmp").Length > 0, "the write never started");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(30000), "securebuild did not end on SIGTERM");
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
        Assert.False(File.Exists(output));
    }

    // cli.md's exit-code table: code -> meaning.
    private static Dictionary<int, string> ExitCodeTable()
    {
        var cliMd = Path.Combine(FindRepository(), "src", "docs", "cli.md");
        var section = File.ReadAllText(cliMd).Split("## Exit codes")[1].Split("\n## ")[0];
        return Regex.Matches(section, @"^\| (\d) \| (.+) \|$", RegexOptions.Multiline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);
    }

    private static string FindRepository()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "Scalyz.SecureBuild.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }

    private string[] RequiredArguments(string command, string missing) => command switch
    {
        "gate" => ["--sbom", missing, "--release", "1.0", "--ledger", Path.Combine(_folder, "gate-ledger.json"), "--cache", _cache],
        "sla report" or "sla history" => ["--ledger", missing],
        // accept creates its ledger, so its bad input is a ledger that cannot be created: below a file.
        "sla accept" => ["GHSA-2rvx-cvfc-mcp2", "--reason", "r", "--until", "2099-01-01", "--actor", "a", "--ledger", Path.Combine(_app, "no-such-file.json")],
        "sla record" => [missing, "--ledger", Path.Combine(_folder, "record-ledger.json"), "--actor", "a"],
        "db import" => [missing, "--cache", _cache],
        "audit" => [missing, "--cache", _cache],
        _ => [missing],
    };

    private string WriteSbom(string format)
    {
        var path = Path.Combine(_folder, $"app-{format}.json");
        var (code, _, error) = CliRunner.Run("sbom", _app, "-f", format, "-o", path, "--timestamp", "0");
        Assert.True(code == 0, error);
        return path;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private string AddProject(string parent, string name, string projectXml, string? assets)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, parent, name)).FullName;
        var project = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(project, projectXml);
        if (assets is not null)
        {
            Directory.CreateDirectory(Path.Combine(folder, "obj"));
            File.WriteAllText(Path.Combine(folder, "obj", "project.assets.json"), assets);
        }

        return project;
    }
}
