using Scalyz.SecureBuild.Core.Bypass;

namespace Scalyz.SecureBuild.Core.Tests.Bypass;

public sealed class AnalyzerConfigBypassScannerTests
{
    [Fact]
    public void EditorConfig_WeakSeveritiesInCSharpSections_AreFound_ACommentAboveIsTheReason()
    {
        const string Config = """
            root = true
            dotnet_diagnostic.SSB2001.severity = none

            [*.cs]
            dotnet_diagnostic.SSB2001.severity = suggestion
            dotnet_diagnostic.SSB2002.severity = error
            # Generated protobuf code, reviewed upstream
            dotnet_analyzer_diagnostic.category-Security.InsecureApi.severity = silent
            dotnet_diagnostic.CA5351.severity = none

            [*.md]
            dotnet_diagnostic.SSB2003.severity = none

            [*.{cs,vb}]
            dotnet_analyzer_diagnostic.severity = none
            """;

        var items = AnalyzerConfigBypassScanner.Scan(Config, ".editorconfig", isGlobal: false).ToList();

        Assert.Equal(
            [
                ("SSB2001", 5, false),
                ("category-Security.InsecureApi", 8, true),
                ("SSB*", 15, false),
            ],
            items.Select(i => (i.Target, i.Line, i.Justified)));
        Assert.Equal("Generated protobuf code, reviewed upstream", items[1].Reason);
    }

    [Fact]
    public void GlobalConfig_TopLevelSettingsCount()
    {
        var items = AnalyzerConfigBypassScanner.Scan("is_global = true\ndotnet_diagnostic.SSB1001.severity = silent\n", ".globalconfig", isGlobal: true).ToList();

        var item = Assert.Single(items);
        Assert.Equal((BypassKinds.AnalyzerConfig, "SSB1001", 2), (item.Kind, item.Target, item.Line));
    }

    [Fact]
    public void Discover_StopsEditorConfigsAtRootButFindsEveryGlobalConfig()
    {
        var top = Directory.CreateTempSubdirectory("ssb-cfg-").FullName;
        try
        {
            var repo = Path.Combine(top, "repo");
            var project = Path.Combine(repo, "src", "App");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(top, ".editorconfig"), "[*]\n");
            File.WriteAllText(Path.Combine(top, ".globalconfig"), "is_global = true\n");
            File.WriteAllText(Path.Combine(repo, ".editorconfig"), "root = true\n");
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "[*.cs]\n");

            var found = AnalyzerConfigBypassScanner.Discover([project], []);

            Assert.Contains(Path.Combine(project, ".editorconfig"), found);
            Assert.Contains(Path.Combine(repo, ".editorconfig"), found);
            Assert.Contains(Path.Combine(top, ".globalconfig"), found);
            Assert.DoesNotContain(Path.Combine(top, ".editorconfig"), found);
        }
        finally
        {
            Directory.Delete(top, recursive: true);
        }
    }
}
