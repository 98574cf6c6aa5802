using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Dependencies;

public sealed class AssetsFileReaderTests
{
    private static readonly string MultiTarget = Path.Combine(AppContext.BaseDirectory, "TestData", "multitarget.assets.json");

    [Fact]
    public void Read_MultiTargetWithRid_ReturnsOneGraphPerTargetSorted()
    {
        var graph = AssetsFileReader.Read(MultiTarget);

        Assert.Equal(new ProjectInfo("Contoso.App", "/src/Contoso.App/Contoso.App.csproj", "2.3.0"), graph.Project);
        Assert.Equal(["net10.0", "net8.0", "net8.0/linux-x64"], graph.Targets.Select(t => t.Name));
        Assert.Equal(["/home/dev/.nuget/packages/"], graph.PackageFolders);
    }

    [Fact]
    public void Read_Net8Target_SeparatesDirectTransitiveProjectAndDevelopmentOnly()
    {
        var net8 = AssetsFileReader.Read(MultiTarget).Targets.Single(t => t.Name == "net8.0");

        Assert.Equal(
            [
                ("Contoso.Lib", "1.0.0", DependencyKind.Project, true, false),
                ("Microsoft.NETCore.Platforms", "3.1.0", DependencyKind.Package, false, false),
                ("Microsoft.Win32.SystemEvents", "4.7.0", DependencyKind.Package, false, false),
                ("Newtonsoft.Json", "13.0.3", DependencyKind.Package, true, false),
                ("StyleCop.Analyzers", "1.1.118", DependencyKind.Package, true, true),
                ("System.Drawing.Common", "4.7.0", DependencyKind.Package, true, false),
            ],
            net8.Dependencies.Select(d => (d.Id, d.Version, d.Kind, d.IsDirect, d.IsDevelopmentOnly)));
        var drawing = net8.Dependencies.Single(d => d.Id == "System.Drawing.Common");
        Assert.Equal("[4.7.0, )", drawing.RequestedRange);
        Assert.Equal("v+XbyYHaZjDfn0ENmJEV1VYLgGgCTx1gnfOBcppowbpOAriglYgGCvFCPr2EEZyBvXlpxbEsTwkOlInl107ahA==", drawing.Sha512);
        Assert.Equal([new DependencyEdge("Microsoft.NETCore.Platforms", "3.1.0"), new DependencyEdge("Microsoft.Win32.SystemEvents", "4.7.0")], drawing.Dependencies);
        Assert.Null(net8.Dependencies.Single(d => d.Id == "Contoso.Lib").Sha512);
    }

    [Fact]
    public void DistinctPackages_AcrossTargets_ListsEachPackageVersionOnce()
    {
        var packages = AssetsFileReader.Read(MultiTarget).DistinctPackages();

        Assert.Equal(
            ["Microsoft.NETCore.Platforms", "Microsoft.Win32.SystemEvents", "Newtonsoft.Json", "StyleCop.Analyzers", "System.Drawing.Common"],
            packages.Select(p => p.Id));
    }

    [Fact]
    public void Read_MissingFile_ThrowsAssetsFileMissingNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "project.assets.json");

        var e = Assert.Throws<InputFileException>(() => AssetsFileReader.Read(path));

        Assert.Equal("SSB0002", e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.Contains("dotnet restore", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 3, \"targets\": {", 1L)]
    [InlineData("{\n  \"version\": 3,\n  \"targets\": [ oops ]\n}", 3L)]
    public void Parse_BrokenJson_ThrowsAssetsFileInvalidWithLine(string json, long line)
    {
        var e = Assert.Throws<InputFileException>(() => AssetsFileReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "obj/project.assets.json"));

        Assert.Equal("SSB0003", e.Code);
        Assert.Equal(line, e.Line);
        Assert.Contains("obj/project.assets.json", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "top level")]
    [InlineData("{ \"version\": 2, \"targets\": {}, \"libraries\": {}, \"project\": { \"restore\": {} } }", "format version is 2")]
    [InlineData("{ \"version\": 3, \"libraries\": {}, \"project\": { \"restore\": {} } }", "no 'targets'")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"NoVersion\": {} } }, \"libraries\": {}, \"project\": { \"restore\": {} } }", "'NoVersion'")]
    public void Parse_ValidJsonButNotAnAssetsFile_ThrowsAssetsFileInvalid(string json, string reason)
    {
        var e = Assert.Throws<InputFileException>(() => AssetsFileReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "a.json"));

        Assert.Equal("SSB0003", e.Code);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SameGraphTwice_GivesIdenticalBytesWithoutMachinePaths()
    {
        var graph = AssetsFileReader.Read(MultiTarget);

        var first = DependencyGraphJson.Serialize(graph);
        var second = DependencyGraphJson.Serialize(AssetsFileReader.Read(MultiTarget));

        Assert.Equal(first, second);
        var text = System.Text.Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("/src/", text, StringComparison.Ordinal);
        Assert.Contains("\"file\": \"Contoso.App.csproj\"", text, StringComparison.Ordinal);
        Assert.Contains("\"developmentOnly\": true", text, StringComparison.Ordinal);
    }
}
