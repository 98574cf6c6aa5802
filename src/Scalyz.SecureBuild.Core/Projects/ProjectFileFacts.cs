using System.Xml;
using System.Xml.Linq;
using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Projects;

/// <summary>
/// What the CLI needs to know about a project without running MSBuild: whether it is a test project and whether it
/// builds an executable. The project file's own settings win; otherwise the restored graph decides.
/// </summary>
/// <param name="IsTestProject">True for a test project (it never ships).</param>
/// <param name="IsApplication">True when the project builds an executable.</param>
public sealed record ProjectFileFacts(bool IsTestProject, bool IsApplication)
{
    private static readonly string[] TestSdks = ["MSTest.Sdk"];

    /// <summary>
    /// Reads <paramref name="projectFile"/>. A test project is one that sets IsTestProject=true, uses a test SDK
    /// (MSTest.Sdk), or references Microsoft.NET.Test.Sdk directly in any framework of its restored
    /// <paramref name="graph"/> (which also catches a reference made in Directory.Build.props or Directory.Packages.props,
    /// as that package is what sets IsTestProject in a build); IsTestProject=false in the project file overrides the rest.
    /// </summary>
    public static ProjectFileFacts Read(string projectFile, DependencyGraph graph)
    {
        XDocument? document = null;
        try
        {
            document = XDocument.Load(projectFile);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // The assets file already proved the project restores; without its XML the graph alone decides.
        }

        string? Property(string name) => document?.Descendants().LastOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();
        var sdk = document?.Root?.Attribute("Sdk")?.Value ?? string.Empty;

        var explicitTest = Property("IsTestProject");
        var isTest = explicitTest is not null
            ? string.Equals(explicitTest, "true", StringComparison.OrdinalIgnoreCase)
            : TestSdks.Any(s => sdk.Contains(s, StringComparison.OrdinalIgnoreCase))
              || graph.Targets.Any(t => t.Dependencies.Any(d => d.IsDirect && string.Equals(d.Id, "Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase)));
        return new ProjectFileFacts(isTest, IsExecutable(Property("OutputType"), sdk));
    }

    /// <summary>True when the project file builds an executable (OutputType Exe or WinExe, or the web SDK without an OutputType).</summary>
    public static bool IsApplicationProject(string projectFile)
    {
        try
        {
            var document = XDocument.Load(projectFile);
            var outputType = document.Descendants().LastOrDefault(e => e.Name.LocalName == "OutputType" && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();
            return IsExecutable(outputType, document.Root?.Attribute("Sdk")?.Value ?? string.Empty);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsExecutable(string? outputType, string sdk) =>
        string.Equals(outputType, "Exe", StringComparison.OrdinalIgnoreCase)
        || string.Equals(outputType, "WinExe", StringComparison.OrdinalIgnoreCase)
        || (outputType is null && sdk.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase));
}
