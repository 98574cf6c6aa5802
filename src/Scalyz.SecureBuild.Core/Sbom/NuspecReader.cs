using System.Xml;

namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>
/// Reads the descriptive metadata of a package from the .nuspec that NuGet extracts into the package folder, so an SBOM
/// gets licenses, authors and links without any network call.
/// </summary>
public static class NuspecReader
{
    // NuGet's own licenseUrl for packages that declare an expression is licenses.nuget.org/<expression>; the rest are
    // the canonical pages of the licenses packages most often point at. Keys are normalized by NormalizeUrl.
    private static readonly Dictionary<string, string> WellKnownLicenseUrls = new(StringComparer.Ordinal)
    {
        ["opensource.org/licenses/mit"] = "MIT",
        ["opensource.org/license/mit"] = "MIT",
        ["opensource.org/licenses/mit-license"] = "MIT",
        ["opensource.org/licenses/apache-2.0"] = "Apache-2.0",
        ["opensource.org/licenses/bsd-2-clause"] = "BSD-2-Clause",
        ["opensource.org/licenses/bsd-3-clause"] = "BSD-3-Clause",
        ["opensource.org/licenses/ms-pl"] = "MS-PL",
        ["opensource.org/licenses/mpl-2.0"] = "MPL-2.0",
        ["apache.org/licenses/license-2.0"] = "Apache-2.0",
        ["mozilla.org/mpl/2.0"] = "MPL-2.0",
        ["gnu.org/licenses/gpl-3.0"] = "GPL-3.0-only",
        ["gnu.org/licenses/lgpl-3.0"] = "LGPL-3.0-only",
        ["github.com/dotnet/corefx/blob/master/license.txt"] = "MIT",
        ["github.com/dotnet/runtime/blob/main/license.txt"] = "MIT",
        ["github.com/dotnet/aspnetcore/blob/main/license.txt"] = "MIT",
        ["github.com/jamesnk/newtonsoft.json/blob/master/license.md"] = "MIT",
    };

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Reads the nuspec at <paramref name="nuspecPath"/>; license files are read from the same folder.</summary>
    /// <exception cref="XmlException">The file is not well-formed XML.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PackageMetadata Read(string nuspecPath)
    {
        string? license = null, licenseType = null, licenseUrl = null, authors = null, description = null, copyright = null, projectUrl = null, repositoryUrl = null, repositoryCommit = null;
        using (var reader = XmlReader.Create(nuspecPath, Settings))
        {
            var depth = -1;
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (depth < 0)
                {
                    if (reader.LocalName == "metadata")
                    {
                        depth = reader.Depth;
                    }

                    reader.Read();
                    continue;
                }

                // Only direct children of <metadata>; <dependencies>, <files> and the rest are skipped whole.
                if (reader.Depth != depth + 1)
                {
                    if (reader.Depth <= depth)
                    {
                        break;
                    }

                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "license":
                        licenseType = reader.GetAttribute("type");
                        license = Text(reader);
                        break;
                    case "licenseUrl":
                        licenseUrl = Text(reader);
                        break;
                    case "authors":
                        authors = Text(reader);
                        break;
                    case "description":
                        description = Text(reader);
                        break;
                    case "copyright":
                        copyright = Text(reader);
                        break;
                    case "projectUrl":
                        projectUrl = Text(reader);
                        break;
                    case "repository":
                        repositoryUrl = Nullify(reader.GetAttribute("url"));
                        repositoryCommit = Nullify(reader.GetAttribute("commit"));
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return new PackageMetadata(
            ResolveLicense(license, licenseType, licenseUrl, Path.GetDirectoryName(Path.GetFullPath(nuspecPath))!),
            authors is null ? [] : authors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            description,
            copyright,
            projectUrl,
            repositoryUrl,
            repositoryCommit);
    }

    /// <summary>The SPDX expression a licenseUrl stands for, when it is a well-known one; otherwise null.</summary>
    public static string? SpdxFromLicenseUrl(string url)
    {
        var normalized = NormalizeUrl(url);
        const string NuGetLicenses = "licenses.nuget.org/";
        if (normalized.StartsWith(NuGetLicenses, StringComparison.Ordinal))
        {
            // licenses.nuget.org keeps the expression's own casing and spaces (escaped) in the path.
            var start = url.IndexOf("licenses.nuget.org/", StringComparison.OrdinalIgnoreCase) + NuGetLicenses.Length;
            var expression = Uri.UnescapeDataString(url[start..]).Trim().TrimEnd('/');
            return expression.Length > 0 ? expression : null;
        }

        return WellKnownLicenseUrls.GetValueOrDefault(normalized);
    }

    private static PackageLicense? ResolveLicense(string? license, string? type, string? licenseUrl, string packageFolder)
    {
        if (license is not null && string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
        {
            return new PackageLicense(license, null, null, null);
        }

        if (license is not null && string.Equals(type, "file", StringComparison.OrdinalIgnoreCase))
        {
            return new PackageLicense(null, license, ReadLicenseFile(packageFolder, license), null);
        }

        if (licenseUrl is null)
        {
            return null;
        }

        var expression = SpdxFromLicenseUrl(licenseUrl);
        return expression is not null ? new PackageLicense(expression, null, null, null) : new PackageLicense(null, null, null, licenseUrl);
    }

    private static string? ReadLicenseFile(string packageFolder, string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(packageFolder, relativePath));
        // The name comes from the package; never follow it out of the package's own folder.
        if (!full.StartsWith(packageFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(full).ReplaceLineEndings("\n").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string NormalizeUrl(string url)
    {
        var text = url.Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "https://", "http://" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
            }
        }

        if (text.StartsWith("www.", StringComparison.Ordinal))
        {
            text = text[4..];
        }

        text = text.TrimEnd('/');
        foreach (var suffix in new[] { ".html", ".htm", ".php" })
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length];
            }
        }

        if (text.EndsWith(".txt", StringComparison.Ordinal) && !text.EndsWith("license.txt", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        return text;
    }

    private static string? Text(XmlReader reader) => Nullify(reader.ReadElementContentAsString());

    private static string? Nullify(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
