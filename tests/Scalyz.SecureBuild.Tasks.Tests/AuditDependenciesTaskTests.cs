using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Scalyz.SecureBuild.Tasks.Tests;

public sealed class AuditDependenciesTaskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-audit-task-").FullName;
    private readonly FakeBuildEngine _engine = new();
    private readonly string _project;
    private readonly string _snapshot;

    public AuditDependenciesTaskTests()
    {
        _project = Path.Combine(_folder, "App.csproj");
        File.WriteAllText(_project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />\n    <PackageReference Include=\"System.Drawing.Common\" Version=\"4.7.0\" />\n  </ItemGroup>\n</Project>\n");
        _snapshot = Path.Combine(_folder, "data", "advisories.snapshot.json.gz");
        var records = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "osv"), "*.json").Select(f => (ITaskItem)new TaskItem(f)).ToArray();
        Assert.True(new BuildAdvisorySnapshotTask { BuildEngine = _engine, Records = records, OutputFile = _snapshot }.Execute());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private AuditDependenciesTask Task() => new()
    {
        BuildEngine = _engine,
        AssetsFile = Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"),
        ProjectFile = _project,
        // The embedded snapshot alone: these tests are about the audit, not about this machine's NuGet feeds.
        Sources = "embedded",
        EmbeddedSnapshot = _snapshot,
        CacheFolder = Path.Combine(_folder, "cache"),
        MaxAge = "100000",
        OutputFolder = Path.Combine(_folder, "obj", "securebuild"),
    };

    [Fact]
    public void Execute_DefaultSources_ReadTheFeedOfTheProjectsNuGetConfigAndTheSnapshot()
    {
        using var feed = new Scalyz.SecureBuild.Tests.Shared.FakeNuGetFeed(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "osv"), "*.json"));
        File.WriteAllText(Path.Combine(_folder, "nuget.config"), $$"""
            <configuration>
              <packageSources><clear /></packageSources>
              <auditSources><clear /><add key="advisories" value="{{feed.ServiceIndex}}" allowInsecureConnections="true" /></auditSources>
            </configuration>
            """);
        var task = new AuditDependenciesTask
        {
            BuildEngine = _engine,
            AssetsFile = Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"),
            ProjectFile = _project,
            NuGetConfigRoot = _folder,
            EmbeddedSnapshot = _snapshot,
            CacheFolder = Path.Combine(_folder, "cache"),
            MaxAge = "100000",
            OutputFolder = Path.Combine(_folder, "obj", "securebuild"),
        };

        Assert.False(task.Execute());

        Assert.Equal("SSB4004", Assert.Single(_engine.Errors).Code);
        Assert.Empty(_engine.Warnings);
        Assert.Contains(feed.Requests, r => r.Path == "/v3/vulnerabilities/base.json");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "obj", "securebuild", "audit.json")));
        Assert.Equal(["nuget", "embedded"], json.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("source").GetString()));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("GHSA-rxg9-xrhp-64gj", "4.7.2"), (finding.GetProperty("advisory").GetString(), finding.GetProperty("fixedIn").GetString()));
    }

    [Fact]
    public void Execute_CriticalDirectPackage_LogsSsb4004AtItsLineAndWritesReports()
    {
        var task = Task();

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("SSB4004", _project, 4), (error.Code, error.File, error.LineNumber));
        Assert.StartsWith("Package 'System.Drawing.Common' 4.7.0 has a critical advisory GHSA-rxg9-xrhp-64gj/CVE-2021-24112 (CVSS 9.8)", error.Message, StringComparison.Ordinal);
        Assert.Equal("https://github.com/scalyz/securebuild/blob/main/src/docs/rules/SSB4004.md", error.HelpLink);
        Assert.Empty(_engine.Warnings);
        Assert.True(task.Complete);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "obj", "securebuild", "audit.json")));
        Assert.True(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.True(File.Exists(Path.Combine(_folder, "obj", "securebuild", "audit.sarif")));
    }

    [Fact]
    public void Execute_JustifiedSuppression_LogsSsb4005MessageAndSucceeds()
    {
        var task = Task();
        task.Mode = "direct";
        task.Suppressions = [new TaskItem("CVE-2021-24112", new Dictionary<string, string> { ["Justification"] = "only trusted images" })];

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Code == "SSB4005" && m.Message!.Contains("(only trusted images)", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_StaleData_WarnsWithDateAndAgeOrFailsWhenAsked()
    {
        var warn = Task();
        warn.MaxAge = "30";
        warn.Execute();
        var stale = Task();
        stale.MaxAge = "30";
        stale.StaleIsError = true;

        stale.Execute();

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("SSB0202", warning.Code);
        Assert.Matches(@"dated 2024-10-09, \d+ days old, older than the allowed 30 days", warning.Message);
        Assert.Contains(_engine.Errors, e => e.Code == "SSB0202");
        Assert.False(stale.Complete);
    }

    [Fact]
    public void Execute_MissingSnapshot_IsAnErrorNotASilentPass()
    {
        var task = Task();
        task.EmbeddedSnapshot = Path.Combine(_folder, "nowhere.gz");

        Assert.False(task.Execute());

        Assert.Contains(_engine.Errors, e => e.Code == "SSB0200" && e.Message!.Contains("were NOT audited", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_NoDataAtAll_WritesNoFindingsForTheLedgerAndReportsTheAuditAsNotRun()
    {
        var findings = Path.Combine(_folder, "obj", "securebuild", "findings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(findings)!);
        File.WriteAllText(findings, "{\"findings\": []}");
        var task = Task();
        task.EmbeddedSnapshot = Path.Combine(_folder, "nowhere.gz");
        task.SlaFindingsFile = findings;

        Assert.False(task.Execute());

        Assert.False(File.Exists(findings));
        var incomplete = Assert.Single(_engine.Warnings, w => w.Code == "SSB0209");
        Assert.Contains("did NOT run", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SecureBuildLedgerFile", incomplete.Message, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "obj", "securebuild", "audit.json")));
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("not-run", json.RootElement.GetProperty("outcome").GetString());
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "obj", "securebuild", "audit.sarif")));
        Assert.False(sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Execute_CompleteAudit_WritesTheFindingsForTheDeadlineCheck()
    {
        var findings = Path.Combine(_folder, "obj", "securebuild", "findings.json");
        var task = Task();
        task.SlaFindingsFile = findings;

        task.Execute();

        Assert.Contains("GHSA-rxg9-xrhp-64gj", File.ReadAllText(findings), StringComparison.Ordinal);
        Assert.DoesNotContain(_engine.Warnings, w => w.Code == "SSB0209");
    }

    [Fact]
    public void Execute_UnparseableVersionInTheAssetsFile_IsSsb0208NamingThePackage()
    {
        var assets = Path.Combine(_folder, "project.assets.json");
        File.WriteAllText(assets, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json"))
            .Replace("System.Drawing.Common/4.7.0", "System.Drawing.Common/4.7.0-", StringComparison.Ordinal));
        var task = Task();
        task.AssetsFile = assets;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors, e => e.Code == "SSB0208");
        Assert.Contains("Package 'System.Drawing.Common'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'4.7.0-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_NoSourcesNamed_UsesTheImportedDumpWhenOneExistsAsTheCliDoes()
    {
        var task = Task();
        task.Sources = null;
        Core.Advisories.OsvDumpImporter.Import(Path.Combine(AppContext.BaseDirectory, "TestData", "osv"), task.CacheFolder!);

        task.Execute();

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "obj", "securebuild", "audit.json")));
        Assert.Equal(["embedded", "osv-dump"], json.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("source").GetString()));
    }

    [Theory]
    [InlineData("Level", "severe")]
    [InlineData("Mode", "some")]
    [InlineData("Sources", "embedded;nvd")]
    [InlineData("Unreachable", "ignore")]
    public void Execute_InvalidSetting_IsSsb0205(string property, string value)
    {
        var task = Task();
        typeof(AuditDependenciesTask).GetProperty(property)!.SetValue(task, value);

        Assert.False(task.Execute());

        Assert.Equal("SSB0205", Assert.Single(_engine.Errors).Code);
    }
}
