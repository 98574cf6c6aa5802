using System.Xml;
using System.Xml.Linq;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// Finds where a project declares a package: the PackageReference line of the project file, or, under central package
/// management, the PackageVersion line of Directory.Packages.props when the reference gives no version itself.
/// </summary>
public sealed class PackageReferenceLines
{
    private readonly string _project;
    private readonly Dictionary<string, (int Line, bool HasVersion)> _references;
    private readonly string? _central;
    private readonly Dictionary<string, int> _versions;

    /// <param name="projectFile">The project file.</param>
    /// <param name="centralPackagesFile">Directory.Packages.props when central package management is on, else null.</param>
    public PackageReferenceLines(string projectFile, string? centralPackagesFile)
    {
        _project = projectFile;
        _references = Read(projectFile, "PackageReference").ToDictionary(e => e.Id, e => (e.Line, e.HasVersion), StringComparer.OrdinalIgnoreCase);
        _central = string.IsNullOrEmpty(centralPackagesFile) || !File.Exists(centralPackagesFile) ? null : centralPackagesFile;
        _versions = _central is null ? new(StringComparer.OrdinalIgnoreCase) : Read(_central, "PackageVersion").ToDictionary(e => e.Id, e => e.Line, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The file and line to report a finding of direct package <paramref name="packageId"/> at (line 0 when not found in either file).</summary>
    public (string File, int Line) Locate(string packageId)
    {
        var inProject = _references.TryGetValue(packageId, out var reference);
        if ((!inProject || !reference.HasVersion) && _central is not null && _versions.TryGetValue(packageId, out var line))
        {
            return (_central, line);
        }

        return (_project, inProject ? reference.Line : 0);
    }

    private static List<(string Id, int Line, bool HasVersion)> Read(string file, string itemName)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // The build reads the same file and reports its own error; the finding is then reported without a line.
            return [];
        }

        // First declaration wins, as MSBuild reports duplicates itself (NU1504).
        return document.Descendants()
            .Where(e => e.Name.LocalName == itemName)
            .Select(e => (Id: ((string?)e.Attribute("Include") ?? (string?)e.Attribute("Update"))?.Trim(), Element: e))
            .Where(x => !string.IsNullOrEmpty(x.Id) && !x.Id.Contains('$', StringComparison.Ordinal))
            .Select(x => (x.Id!, ((IXmlLineInfo)x.Element).LineNumber, x.Element.Attribute("Version") is not null || x.Element.Elements().Any(c => c.Name.LocalName == "Version" || c.Name.LocalName == "VersionOverride") || x.Element.Attribute("VersionOverride") is not null))
            .DistinctBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
