using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Projects;

namespace Scalyz.SecureBuild.Core.Tests.Projects;

public sealed class ProjectFileFactsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-facts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_TestSdkReferencedFromDirectoryBuildProps_IsTestProject() =>
        Assert.True(Facts("<Project Sdk=\"Microsoft.NET.Sdk\" />", "Microsoft.NET.Test.Sdk").IsTestProject);

    [Fact]
    public void Read_IsTestProjectTrueWithoutTestSdk_IsTestProject() =>
        Assert.True(Facts("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>").IsTestProject);

    [Fact]
    public void Read_MSTestSdk_IsTestProject() =>
        Assert.True(Facts("<Project Sdk=\"MSTest.Sdk/3.6.4\" />").IsTestProject);

    [Fact]
    public void Read_TestSdkButIsTestProjectFalse_IsNotTestProject() =>
        Assert.False(Facts("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup></Project>", "Microsoft.NET.Test.Sdk").IsTestProject);

    [Fact]
    public void Read_TestSdkOnlyTransitive_IsNotTestProject() =>
        Assert.False(Facts("<Project Sdk=\"Microsoft.NET.Sdk\" />", transitive: "Microsoft.NET.Test.Sdk").IsTestProject);

    [Theory]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>", true)]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Web\" />", true)]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup></Project>", false)]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\" />", false)]
    public void Read_OutputTypeAndSdk_DecideApplication(string xml, bool expected) => Assert.Equal(expected, Facts(xml).IsApplication);

    private ProjectFileFacts Facts(string xml, string? direct = null, string? transitive = null)
    {
        var project = Path.Combine(_folder, "P.csproj");
        File.WriteAllText(project, xml);
        var dependencies = new List<ResolvedDependency>();
        if (direct is not null)
        {
            dependencies.Add(new ResolvedDependency(direct, "17.12.0", DependencyKind.Package, true, "[17.12.0, )", false, false, null, null, []));
        }

        if (transitive is not null)
        {
            dependencies.Add(new ResolvedDependency(transitive, "17.12.0", DependencyKind.Package, false, null, false, false, null, null, []));
        }

        var graph = new DependencyGraph(new ProjectInfo("P", project, "1.0.0"), [new TargetGraph("net10.0", null, dependencies)], []);
        return ProjectFileFacts.Read(project, graph);
    }
}
