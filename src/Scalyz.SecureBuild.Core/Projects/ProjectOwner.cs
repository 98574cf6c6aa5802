using System.Xml;
using System.Xml.Linq;

namespace Scalyz.SecureBuild.Core.Projects;

/// <summary>
/// Who makes a first-party project: its declared <c>Company</c> (the supplier) and <c>Authors</c>. The SDK defaults
/// both to the assembly name when a project declares neither; that default names nobody, so it counts as undeclared
/// and the SBOM falls back to the author of the SBOM data.
/// </summary>
/// <param name="Company">The declared company, or null.</param>
/// <param name="Authors">The declared authors (split on ',' and ';'), possibly empty.</param>
public sealed record ProjectOwner(string? Company, IReadOnlyList<string> Authors)
{
    /// <summary>True when the project declares neither.</summary>
    public bool IsEmpty => Company is null && Authors.Count == 0;

    /// <summary>The supplier: the company, else the authors.</summary>
    public string? Supplier => Company ?? (Authors.Count > 0 ? string.Join(", ", Authors) : null);

    /// <summary>The values as MSBuild evaluated them (<c>$(Company)</c>, <c>$(Authors)</c>, <c>$(AssemblyName)</c>), leaving out the SDK's defaults.</summary>
    public static ProjectOwner FromMsBuild(string? company, string? authors, string? assemblyName)
    {
        var declaredAuthors = Declared(authors, assemblyName);
        // The SDK defaults Company to $(Authors), so a company equal to the authors adds nothing.
        var declaredCompany = Declared(company, assemblyName) is { } c && !string.Equals(c, declaredAuthors, StringComparison.Ordinal) ? c : null;
        return new ProjectOwner(declaredCompany, Split(declaredAuthors));
    }

    /// <summary>
    /// Reads <c>Company</c> and <c>Authors</c> from the project file, else from the nearest Directory.Build.props above
    /// it (what MSBuild imports), without running MSBuild: values built from properties ($(...)) count as undeclared.
    /// </summary>
    public static ProjectOwner Read(string projectFile)
    {
        var company = ReadProperty(projectFile, "Company");
        var authors = ReadProperty(projectFile, "Authors");
        if ((company is null || authors is null) && NearestDirectoryBuildProps(projectFile) is { } props)
        {
            company ??= ReadProperty(props, "Company");
            authors ??= ReadProperty(props, "Authors");
        }

        var assemblyName = ReadProperty(projectFile, "AssemblyName") ?? Path.GetFileNameWithoutExtension(projectFile);
        return FromMsBuild(company ?? authors, authors, assemblyName);
    }

    private static string? Declared(string? value, string? assemblyName)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) || string.Equals(text, assemblyName, StringComparison.Ordinal) ? null : text;
    }

    private static string[] Split(string? authors) =>
        authors is null ? [] : authors.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NearestDirectoryBuildProps(string projectFile)
    {
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(projectFile)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, "Directory.Build.props");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? ReadProperty(string file, string name)
    {
        try
        {
            var document = XDocument.Load(file);
            var value = document.Descendants()
                .LastOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();
            return string.IsNullOrEmpty(value) || value.Contains("$(", StringComparison.Ordinal) ? null : value;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
