using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Sbom;

public sealed class SbomBuilderTests
{
    [Fact]
    public void Build_DevelopmentOnlyToolAndWhatOnlyItPullsIn_AreExcludedWhileSharedPackagesShip()
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options);

        var scopes = document.Components.DistinctBy(c => c.Name).ToDictionary(c => c.Name, c => c.IsExcluded);
        Assert.True(scopes["Contoso.BuildTool"]);
        Assert.True(scopes["Contoso.BuildTool.Core"]);
        Assert.False(scopes["Newtonsoft.Json"]);
        Assert.False(scopes["Polly.Core"]);
        Assert.False(scopes["Humanizer.Core"]);
    }

    [Fact]
    public void Build_MultiTarget_RecordsFrameworksPerComponentAndKeepsBothVersions()
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options);

        var logging = document.Components.Where(c => c.Name == "Microsoft.Extensions.Logging.Abstractions").ToList();
        Assert.Equal(["10.0.14", "8.0.2"], logging.Select(c => c.Version));
        Assert.Equal(["net10.0"], logging[0].Frameworks);
        Assert.Equal(["net8.0"], logging[1].Frameworks);
        Assert.Equal(["net10.0", "net8.0"], document.Components.Single(c => c.Name == "Polly").Frameworks);
        Assert.Equal(["net10.0", "net8.0"], document.Root.Frameworks);
        Assert.DoesNotContain(document.Components, c => c.Name.StartsWith("runtime.", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Graph_HasEveryEdgeOfTheAssetsFileIncludingProjectAndTransitive()
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options);

        Assert.Equal(
            ["pkg:nuget/Contoso.BuildTool@1.0.0", "pkg:nuget/Microsoft.Extensions.Logging.Abstractions@10.0.14", "pkg:nuget/Microsoft.Extensions.Logging.Abstractions@8.0.2", "pkg:nuget/Newtonsoft.Json@13.0.3", "pkg:nuget/Polly@8.5.2", "project:Contoso.Lib@2.0.0"],
            document.Dependencies[document.Root.BomRef]);
        Assert.Equal("project:Contoso.App@3.1.0", document.Root.BomRef);
        Assert.Equal(["pkg:nuget/Humanizer.Core@2.14.1"], document.Dependencies["project:Contoso.Lib@2.0.0"]);
        Assert.Equal(["pkg:nuget/Contoso.BuildTool.Core@1.0.0", "pkg:nuget/Newtonsoft.Json@13.0.3"], document.Dependencies["pkg:nuget/Contoso.BuildTool@1.0.0"]);
        Assert.Equal(["pkg:nuget/Polly.Core@8.5.2"], document.Dependencies["pkg:nuget/Polly@8.5.2"]);
        Assert.Empty(document.Dependencies["pkg:nuget/Polly.Core@8.5.2"]);
        Assert.Equal(document.Components.Count + 1, document.Dependencies.Count);
    }

    [Fact]
    public void Build_Package_HashIsTheAssetsFileSha512InHex()
    {
        var graph = SbomTestData.AppGraph();
        var document = SbomBuilder.Build(graph, SbomTestData.Options);

        var polly = graph.DistinctPackages().Single(p => p.Id == "Polly");
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(polly.Sha512!)), document.Components.Single(c => c.Name == "Polly").Sha512Hex);
        Assert.Null(document.Components.Single(c => c.Name == "Contoso.Lib").Sha512Hex);
    }

    [Fact]
    public void Build_Nuspecs_GiveLicenseAuthorsDescriptionAndLinks()
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options);
        PackageMetadata Meta(string name) => document.Components.Single(c => c.Name == name).Metadata!;

        Assert.Equal(new PackageLicense("MIT", null, null, null), Meta("Newtonsoft.Json").License);
        Assert.Equal(new PackageLicense("BSD-3-Clause", null, null, null), Meta("Polly.Core").License);
        Assert.Equal(new PackageLicense(null, "LICENSE.txt", "The MIT License (MIT)\n\nCopyright (c) .NET Foundation and Contributors", null), Meta("Humanizer.Core").License);
        Assert.Equal(new PackageLicense(null, null, null, "https://contoso.example/eula"), Meta("Contoso.BuildTool").License);
        Assert.Null(Meta("Contoso.BuildTool.Core").License);
        Assert.Equal(["Michael Wolfenden", "App vNext"], Meta("Polly").Authors);
        Assert.Equal("https://github.com/JamesNK/Newtonsoft.Json", Meta("Newtonsoft.Json").RepositoryUrl);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Build_RuntimeIdentifier_DescribesThePublishGraphAndWarnsAboutMissingPackages()
    {
        var document = SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options with { RuntimeIdentifier = "linux-x64" });

        var native = document.Components.Single(c => c.Name == "runtime.linux-x64.Contoso.Native");
        Assert.False(native.IsExcluded);
        Assert.Equal(["net10.0/linux-x64"], native.Frameworks);
        Assert.Equal(["pkg:nuget/runtime.linux-x64.Contoso.Native@1.0.0"], document.Dependencies["pkg:nuget/Polly.Core@8.5.2"]);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(DiagnosticCodes.SbomPackageMetadataMissing, warning.Code);
        Assert.Contains("runtime.linux-x64.Contoso.Native 1.0.0", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RuntimeIdentifierNotRestored_ThrowsSsb3002NamingTheRuntime()
    {
        var e = Assert.Throws<InputFileException>(() => SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options with { RuntimeIdentifier = "win-arm64" }));

        Assert.Equal(DiagnosticCodes.SbomRuntimeGraphMissing, e.Code);
        Assert.Contains("'win-arm64'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralProjects_RootDependsOnEachProjectAndPackagesMerge()
    {
        var app = SbomTestData.AppGraph();
        var lib = new DependencyGraph(
            new ProjectInfo("Contoso.Lib", "/src/Contoso.Lib/Contoso.Lib.csproj", "2.0.0"),
            [new TargetGraph("net10.0", null, [new ResolvedDependency("Humanizer.Core", "2.14.1", DependencyKind.Package, true, "[2.14.1, )", false, false, null, "humanizer.core/2.14.1", [])])],
            app.PackageFolders);

        var document = SbomBuilder.Build([app, lib], "Contoso", "3.1.0", SbomTestData.Options);

        Assert.Equal("application:Contoso@3.1.0", document.Root.BomRef);
        Assert.Equal(["project:Contoso.App@3.1.0", "project:Contoso.Lib@2.0.0"], document.Dependencies[document.Root.BomRef]);
        Assert.Equal(["pkg:nuget/Humanizer.Core@2.14.1"], document.Dependencies["project:Contoso.Lib@2.0.0"]);
        Assert.Single(document.Components, c => c.Name == "Contoso.Lib");
        Assert.Single(document.Components, c => c.Name == "Humanizer.Core");
    }

    [Fact]
    public void Build_DevelopmentOnlyInOneFramework_ShipsAndRecordsWhereItIsDevelopmentOnly()
    {
        static ResolvedDependency Tool(bool developmentOnly) =>
            new("Contoso.Tool", "1.0.0", DependencyKind.Package, true, "[1.0.0, )", developmentOnly, false, null, "contoso.tool/1.0.0", []);
        var graph = new DependencyGraph(
            new ProjectInfo("App", "/src/App/App.csproj", "1.0.0"),
            [new TargetGraph("net10.0", null, [Tool(developmentOnly: false)]), new TargetGraph("net8.0", null, [Tool(developmentOnly: true)])],
            []);

        var tool = Assert.Single(SbomBuilder.Build(graph, SbomTestData.Options).Components);

        Assert.False(tool.IsExcluded);
        Assert.Equal(["net8.0"], tool.ExcludedIn);
    }

    [Fact]
    public void Build_InvalidNuspec_WarnsSsb0100WithTheFile()
    {
        var graph = new DependencyGraph(
            new ProjectInfo("App", "/src/App/App.csproj", "1.0.0"),
            [new TargetGraph("net10.0", null, [new ResolvedDependency("Bad.Package", "1.0.0", DependencyKind.Package, true, "[1.0.0, )", false, false, null, "bad.package/1.0.0", [])])],
            [Path.Combine(SbomTestData.Folder, "packages")]);

        var document = SbomBuilder.Build(graph, SbomTestData.Options);

        var warning = Assert.Single(document.Warnings);
        Assert.Equal(DiagnosticCodes.NuspecInvalid, warning.Code);
        Assert.EndsWith("bad.package.nuspec", warning.File, StringComparison.Ordinal);
        Assert.Null(document.Components.Single().Metadata);
    }

    [Theory]
    [InlineData("1769860800", "2026-01-31T12:00:00+00:00")]
    [InlineData("2026-01-31T13:00:00+01:00", "2026-01-31T12:00:00+00:00")]
    public void ParseTimestamp_EpochOrIso_GivesUtc(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SbomOptions.ParseTimestamp(value));

    [Fact]
    public void ParseTimestamp_Garbage_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => SbomOptions.ParseTimestamp("yesterday"));
}
