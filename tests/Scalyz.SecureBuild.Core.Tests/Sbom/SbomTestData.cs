using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Testing;

namespace Scalyz.SecureBuild.Core.Tests.Sbom;

/// <summary>The SBOM test inputs (an assets file and a package folder of nuspecs) and golden files.</summary>
internal static class SbomTestData
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "sbom");

    public static readonly DateTimeOffset FixedTime = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static DependencyGraph AppGraph() =>
        AssetsFileReader.Read(Path.Combine(Folder, "app.assets.json")) with { PackageFolders = [Path.Combine(Folder, "packages")] };

    public static SbomOptions Options => new() { Timestamp = FixedTime, Authors = ["Contoso Release Engineering"], IsApplication = true };

    /// <summary>Compares with the golden file in the source tree; SECUREBUILD_UPDATE_GOLDEN=1 rewrites it instead.</summary>
    public static void AssertGolden(string name, byte[] actual)
    {
        var source = Path.Combine(SbomValidator.Folder, "..", "Scalyz.SecureBuild.Core.Tests", "TestData", "sbom", name);
        if (Environment.GetEnvironmentVariable("SECUREBUILD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(source, actual);
        }

        Assert.Equal(File.ReadAllText(source), System.Text.Encoding.UTF8.GetString(actual));
    }
}
