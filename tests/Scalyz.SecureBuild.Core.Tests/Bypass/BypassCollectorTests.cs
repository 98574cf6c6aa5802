using Scalyz.SecureBuild.Core.Bypass;

namespace Scalyz.SecureBuild.Core.Tests.Bypass;

public sealed class BypassCollectorTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-bypass-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Collect_SwitchesCodeListsAndSuppressions_WithTheirLines()
    {
        var project = Write("App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <NoWarn>$(NoWarn);CS1591;SSB2001</NoWarn>
                <SecureBuildAudit>false</SecureBuildAudit>
              </PropertyGroup>
              <ItemGroup>
                <SecureBuildSuppress Include="GHSA-aaaa-bbbb-cccc" Justification="Only reachable from admin tools" Until="2027-01-31" />
                <SecureBuildSuppress Include="GHSA-dddd-eeee-ffff" Justification="Old decision, see SEC-1" Until="2026-01-31" />
                <SecureBuildSuppress Include="GHSA-gggg-hhhh-iiii" Justification="No end date here" />
              </ItemGroup>
            </Project>
            """);
        Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <SecureBuildAuditLevel>high</SecureBuildAuditLevel>\n  </PropertyGroup>\n</Project>\n");

        var evidence = BypassCollector.Collect(Inputs(project, new()
        {
            ["NoWarn"] = "1701;1702;CS1591;SSB2001",
            ["SecureBuildAudit"] = "false",
            ["SecureBuildAuditLevel"] = "high",
            ["SecureBuildAuditFailLevel"] = "critical",
            ["SecureBuildAuditMode"] = "direct",
            ["SecureBuildAdvisorySources"] = "osv-api",
            ["WarningsNotAsErrors"] = "SSB4004",
            ["MSBuildWarningsAsMessages"] = "1701;1702;CS1591;SSB2001;SSB5002",
        },
        [
            new("GHSA-aaaa-bbbb-cccc", "Only reachable from admin tools", "2027-01-31"),
            new("GHSA-dddd-eeee-ffff", "Old decision, see SEC-1", "2026-01-31"),
            new("GHSA-gggg-hhhh-iiii", "No end date here", null),
        ]));

        Assert.Equal(
            [
                ("App.csproj", 3, BypassKinds.NoWarn, "SSB2001", false),
                ("App.csproj", 4, BypassKinds.Switch, "SecureBuildAudit", false),
                ("App.csproj", 7, BypassKinds.AuditSuppression, "GHSA-aaaa-bbbb-cccc", true),
                ("App.csproj", 8, BypassKinds.AuditSuppression, "GHSA-dddd-eeee-ffff", false),
                ("App.csproj", 9, BypassKinds.AuditSuppression, "GHSA-gggg-hhhh-iiii", false),
                ("Directory.Build.props", 3, BypassKinds.Switch, "SecureBuildAuditLevel", false),
                ((string?)null, 0, BypassKinds.Switch, "SecureBuildAuditMode", false),
                (null, 0, BypassKinds.WarningsAsMessages, "SSB5002", false),
                (null, 0, BypassKinds.WarningsNotAsErrors, "SSB4004", false),
            ],
            evidence.Items.Select(i => (i.File, i.Line, i.Kind, i.Target, i.Justified)));
        Assert.Contains("expired on 2026-01-31", evidence.Items[3].Detail, StringComparison.Ordinal);
        Assert.Contains("no Until date", evidence.Items[4].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embedded", "embedded", false)]
    [InlineData("embedded", "nuget;embedded", true)]
    [InlineData("osv-dump;embedded", "nuget;embedded", false)]
    [InlineData("nuget", "nuget;embedded", false)]
    public void AdvisorySources_WithoutACurrentOne_AreABypassUnlessThePackageDefault(string sources, string defaults, bool bypass)
    {
        var project = Write("App.csproj", "<Project />");

        var evidence = BypassCollector.Collect(Inputs(project, new() { ["SecureBuildAdvisorySources"] = sources }, [], defaults));

        Assert.Equal(bypass, evidence.Items.Any(i => i.Target == "SecureBuildAdvisorySources"));
    }

    [Fact]
    public void Collect_SourcesAndConfigs_RelativeToTheProject_AndNothingForACleanProject()
    {
        var project = Write("App.csproj", "<Project />");
        var clean = Write("Clean.cs", "class Clean { }");
        Assert.Empty(BypassCollector.Collect(Inputs(project, [], [], sources: [clean])).Items);

        var code = Write(Path.Combine("Services", "Hash.cs"), "#pragma warning disable SSB2001 // MD5 names cache files only\nclass Hash { }\n");
        Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.SSB2002.severity = none\n");

        var evidence = BypassCollector.Collect(Inputs(project, [], [], sources: [clean, code]));

        Assert.Equal(
            [(".editorconfig", 3, "SSB2002", false), ("Services/Hash.cs", 1, "SSB2001", true)],
            evidence.Items.Select(i => (i.File, i.Line, i.Target, i.Justified)));
        Assert.Equal(evidence, BypassEvidenceFile.Read(WriteBytes("bypasses.json", BypassEvidenceFile.Serialize(evidence))) with { Items = evidence.Items });
        Assert.Equal(evidence.Items, BypassEvidenceFile.Read(Path.Combine(_folder, "bypasses.json")).Items);
    }

    [Fact]
    public void EvidenceFile_Invalid_NamesTheFileAndField()
    {
        var path = Write("bypasses.json", """{"schemaVersion": 1, "project": "App", "projectDirectory": "/x", "bypasses": [{"kind": "pragma"}]}""");

        var error = Assert.Throws<Core.IO.InputFileException>(() => BypassEvidenceFile.Read(path));

        Assert.Equal(DiagnosticCodes.GateBypassEvidenceMissing, error.Code);
        Assert.Contains("bypasses[0].target", error.Message, StringComparison.Ordinal);
    }

    private BypassInputs Inputs(string project, Dictionary<string, string> properties, IReadOnlyList<SuppressItemInput> suppressions, string defaults = "embedded", IReadOnlyList<string>? sources = null) =>
        new("App", project, sources ?? [], [], properties, suppressions, Today, defaults);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
