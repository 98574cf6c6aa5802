namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs Scalyz.SecureBuild once per test run into a temporary local feed, with a unique version so no package cache
/// can serve a stale copy, and hands out isolated copies of the samples that restore from that feed and nuget.org.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("ssb-e2e-").FullName;
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "packages");
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        PackagePath = Pack(Repository.PackageProject, "Scalyz.SecureBuild");
        ToolPackagePath = Pack(Repository.CliProject, "Scalyz.SecureBuild.Cli");
    }

    /// <summary>The temporary folder holding the feed, the private package folder and every sample copy.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>A private global packages folder, so the test run never reads or pollutes the user's.</summary>
    public string PackagesFolder { get; }

    public string Version { get; }

    public string PackagePath { get; }

    /// <summary>The dotnet tool package of the CLI, packed into the same feed.</summary>
    public string ToolPackagePath { get; }

    /// <summary>Copies tests/samples to a fresh folder with a nuget.config that adds the local feed.</summary>
    public SampleWorkspace CreateWorkspace()
    {
        var folder = Path.Combine(Root, "ws-" + Guid.NewGuid().ToString("N")[..8]);
        CopyDirectory(Repository.Samples, folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="securebuild-e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return new SampleWorkspace(folder, this);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server that still holds a file must not turn a passing run red; the folder is in the temp area.
        }
    }

    private string Pack(string project, string packageId)
    {
        var pack = ProcessRunner.Run(
            "dotnet",
            ["pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nr:false", "-v:q", "-clp:NoSummary"],
            Repository.Root,
            timeout: TimeSpan.FromMinutes(10));
        var path = Path.Combine(Feed, $"{packageId}.{Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"dotnet pack of {packageId} failed ({pack.ExitCode}) or did not produce {path}:\n{pack.All}");
        }

        return path;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var child in Directory.EnumerateDirectories(source))
        {
            if (Path.GetFileName(child) is not ("bin" or "obj"))
            {
                CopyDirectory(child, Path.Combine(target, Path.GetFileName(child)));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackageGroup : ICollectionFixture<PackageFixture>
{
    public const string Name = "packed Scalyz.SecureBuild";
}
