using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;

namespace Scalyz.SecureBuild.Core.Tests.Projects;

public sealed class ProjectLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ssb-locate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Touch(string relative, string content = "<Project />")
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void FindProjects_ProjectFile_ReturnsIt()
    {
        var project = Touch("App/App.csproj");

        Assert.Equal([project], ProjectLocator.FindProjects(project));
    }

    [Fact]
    public void FindProjects_Sln_ReturnsListedProjectsButNotSolutionFolders()
    {
        var app = Touch("src/App/App.csproj");
        var lib = Touch("src/Lib/Lib.fsproj");
        var sln = Touch("All.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "src\App\App.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Project("{F2A71F9B-5D33-465A-A702-920D77279786}") = "Lib", "src\Lib\Lib.fsproj", "{33333333-3333-3333-3333-333333333333}"
            EndProject
            """);

        Assert.Equal([app, lib], ProjectLocator.FindProjects(sln));
    }

    [Fact]
    public void FindProjects_Slnx_ReturnsListedProjects()
    {
        var app = Touch("src/App/App.csproj");
        var slnx = Touch("All.slnx", """<Solution><Folder Name="/src/"><Project Path="src/App/App.csproj" /></Folder></Solution>""");

        Assert.Equal([app], ProjectLocator.FindProjects(slnx));
    }

    [Fact]
    public void FindProjects_FolderWithOneSolution_UsesTheSolution()
    {
        var app = Touch("src/App/App.csproj");
        Touch("src/Unlisted/Unlisted.csproj");
        Touch("All.slnx", """<Solution><Project Path="src/App/App.csproj" /></Solution>""");

        Assert.Equal([app], ProjectLocator.FindProjects(_root));
    }

    [Fact]
    public void FindProjects_FolderWithoutSolution_FindsProjectsRecursivelySkippingObjAndBin()
    {
        var a = Touch("a/A.csproj");
        var b = Touch("b/deeper/B.csproj");
        Touch("a/obj/Generated.csproj");
        Touch("a/bin/Copied.csproj");

        Assert.Equal([a, b], ProjectLocator.FindProjects(_root));
    }

    [Fact]
    public void FindProjects_SolutionListingMissingProject_ThrowsNamingTheSolution()
    {
        var sln = Touch("All.slnx", """<Solution><Project Path="gone/Gone.csproj" /></Solution>""");

        var e = Assert.Throws<InputFileException>(() => ProjectLocator.FindProjects(sln));

        Assert.Equal("SSB0006", e.Code);
        Assert.Contains("gone/Gone.csproj", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("notes.txt")]
    public void FindProjects_NotAProjectSolutionOrFolder_Throws(string name)
    {
        if (name.EndsWith(".txt", StringComparison.Ordinal))
        {
            Touch(name, "hello");
        }

        var e = Assert.Throws<InputFileException>(() => ProjectLocator.FindProjects(Path.Combine(_root, name)));

        Assert.Equal("SSB0005", e.Code);
    }

    [Fact]
    public void FindProjects_EmptyFolder_Throws() =>
        Assert.Equal("SSB0005", Assert.Throws<InputFileException>(() => ProjectLocator.FindProjects(_root)).Code);
}
