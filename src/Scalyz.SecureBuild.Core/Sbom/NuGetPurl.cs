namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>Reads NuGet package URLs (<c>pkg:nuget/Name@Version</c>), as SBOMs name packages.</summary>
public static class NuGetPurl
{
    /// <summary>Name and version of a <c>pkg:nuget/Name@Version</c> package URL (qualifiers and subpath ignored), or null for other types.</summary>
    public static (string Id, string Version)? Parse(string purl)
    {
        if (!purl.StartsWith("pkg:nuget/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = purl["pkg:nuget/".Length..];
        rest = rest.Split('?', '#')[0];
        var at = rest.LastIndexOf('@');
        if (at <= 0 || at == rest.Length - 1)
        {
            return null;
        }

        return (Uri.UnescapeDataString(rest[..at]), Uri.UnescapeDataString(rest[(at + 1)..]));
    }
}
