using System.IO.Compression;
using System.Text.Json;
using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// The package ships two builds of the analyzers (Roslyn 4.5 and 4.14); NuGet hands each compiler the newest it can
/// load, and the 4.14 build reports keys and IVs written in C# 12-14 syntax through a real net10.0 (C# 14) build.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class ModernSyntaxTests(PackageFixture package)
{
    [Fact]
    public void Package_ShipsTheAnalyzersAndCodeFixesForRoslyn45And414Only()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);

        var analyzers = archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            [
                "analyzers/dotnet/roslyn4.14/cs/Scalyz.SecureBuild.Analyzers.dll",
                "analyzers/dotnet/roslyn4.14/cs/Scalyz.SecureBuild.CodeFixes.dll",
                "analyzers/dotnet/roslyn4.5/cs/Scalyz.SecureBuild.Analyzers.dll",
                "analyzers/dotnet/roslyn4.5/cs/Scalyz.SecureBuild.CodeFixes.dll",
            ],
            analyzers);
    }

    [Fact]
    public void Build_ModernApp_ReportsKeysAndIvsWrittenAsCollectionExpressionsAtTheirLines()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("ModernApp");

        var file = workspace.PathOf("ModernApp", "TokenSealer.cs");
        Assert.Equal(0, build.ExitCode);
        Assert.Equal(
            [
                ("SSB1007", file, 13, 19), // aes.Key = [0x01, ...]
                ("SSB2004", file, 13, 19),
                ("SSB2005", file, 15, 40), // byte[] iv = [0, ...] given to EncryptCbc
                ("SSB2004", file, 20, 23), // shared?.Key = [.. Prefix, ...] (C# 14 null-conditional assignment, spread)
                ("SSB2004", file, 23, 43), // new([0x21, ...]) for HMACSHA256 (target-typed new, collection expression argument)
            ],
            build.SecureBuildDiagnostics.Where(d => d.Code is ['S', 'S', 'B', '1' or '2', ..])
                .Select(d => (d.Code, d.File, d.Line, d.Column)).OrderBy(d => d.Line).ThenBy(d => d.Code, StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData(null, "roslyn4.14")] // the SDK's own compiler (Roslyn 5.x)
    [InlineData("roslyn4.13", "roslyn4.5")] // what an older compiler (VS 17.13, .NET 9.0.200 SDK) announces
    [InlineData("roslyn4.5", "roslyn4.5")]
    public void Restore_CompilerApiVersion_PicksTheNewestBuildTheCompilerCanLoad(string? compilerApiVersion, string expectedFolder)
    {
        var workspace = package.CreateWorkspace();
        string[] property = compilerApiVersion is null ? [] : [$"-p:CompilerApiVersion={compilerApiVersion}"];

        var result = workspace.Dotnet(["msbuild", workspace.ProjectFile("ModernApp"), "-restore", "-nr:false", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer", .. property]);

        Assert.True(result.ExitCode == 0, result.All);
        var json = result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..];
        var ours = JsonDocument.Parse(json).RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(a => a.GetProperty("Identity").GetString()!.Replace('\\', '/'))
            .Where(p => p.Contains("/scalyz.securebuild/", StringComparison.OrdinalIgnoreCase))
            .Select(p => string.Join('/', p.Split('/')[^3..]))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"{expectedFolder}/cs/Scalyz.SecureBuild.Analyzers.dll", $"{expectedFolder}/cs/Scalyz.SecureBuild.CodeFixes.dll"], ours);
    }
}
