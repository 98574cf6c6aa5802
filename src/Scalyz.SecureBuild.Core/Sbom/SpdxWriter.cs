using System.Text;
using System.Text.Json;
using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>Writes an <see cref="SbomDocument"/> as SPDX 2.3 JSON.</summary>
public static class SpdxWriter
{
    private const string NoAssertion = "NOASSERTION";

    /// <summary>The document as UTF-8 JSON bytes; the document namespace is derived from the rest of the content.</summary>
    public static byte[] Write(SbomDocument document)
    {
        var ids = AssignIds(document);
        var content = SbomJson.Write(writer => WriteDocument(writer, document, ids, documentNamespace: null));
        var ns = $"https://spdx.scalyz.dev/securebuild/{Uri.EscapeDataString(document.Root.Name)}-{Uri.EscapeDataString(document.Root.Version)}-{SbomJson.UuidFromContent(content)}";
        return SbomJson.Write(writer => WriteDocument(writer, document, ids, ns));
    }

    private static void WriteDocument(Utf8JsonWriter writer, SbomDocument document, Dictionary<string, string> ids, string? documentNamespace)
    {
        writer.WriteStartObject();
        writer.WriteString("spdxVersion", "SPDX-2.3");
        writer.WriteString("dataLicense", "CC0-1.0");
        writer.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        writer.WriteString("name", $"{document.Root.Name} {document.Root.Version}");
        writer.WriteString("documentNamespace", documentNamespace ?? string.Empty);
        writer.WriteStartObject("creationInfo");
        writer.WriteString("created", SbomJson.FormatTimestamp(document.Timestamp));
        writer.WriteStartArray("creators");
        writer.WriteStringValue($"Tool: {SbomBuilder.ToolName}-{document.ToolVersion}");
        foreach (var author in document.Authors)
        {
            writer.WriteStringValue("Organization: " + author);
        }

        writer.WriteEndArray();
        if (document.LeftOutProjects.Count > 0)
        {
            writer.WriteString("comment", "Projects left out because they were not restored: " + string.Join(", ", document.LeftOutProjects));
        }

        writer.WriteEndObject();

        var extracted = new List<(string Id, string Name, string Text, string? SeeAlso)>();
        writer.WriteStartArray("packages");
        WritePackage(writer, document.Root, ids, extracted, isRoot: true);
        foreach (var component in document.Components)
        {
            WritePackage(writer, component, ids, extracted, isRoot: false);
        }

        writer.WriteEndArray();

        if (extracted.Count > 0)
        {
            writer.WriteStartArray("hasExtractedLicensingInfos");
            foreach (var (id, name, text, seeAlso) in extracted)
            {
                writer.WriteStartObject();
                writer.WriteString("licenseId", id);
                writer.WriteString("name", name);
                writer.WriteString("extractedText", text);
                if (seeAlso is not null)
                {
                    writer.WriteStartArray("seeAlsos");
                    writer.WriteStringValue(seeAlso);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("relationships");
        WriteRelationship(writer, "SPDXRef-DOCUMENT", "DESCRIBES", ids[document.Root.BomRef]);
        foreach (var (reference, dependsOn) in document.Dependencies)
        {
            foreach (var target in dependsOn)
            {
                WriteRelationship(writer, ids[reference], "DEPENDS_ON", ids[target]);
            }
        }

        foreach (var component in document.Components.Where(c => c.IsExcluded))
        {
            WriteRelationship(writer, ids[component.BomRef], "DEV_DEPENDENCY_OF", ids[document.Root.BomRef]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter writer, SbomComponent component, Dictionary<string, string> ids, List<(string, string, string, string?)> extracted, bool isRoot)
    {
        var metadata = component.Metadata;
        writer.WriteStartObject();
        writer.WriteString("name", component.Name);
        writer.WriteString("SPDXID", ids[component.BomRef]);
        writer.WriteString("versionInfo", component.Version);
        writer.WriteString("supplier", component.SupplierName is { } supplier ? "Organization: " + supplier : NoAssertion);
        if (component.Supplier is not null && component.AuthorNames.Count > 0)
        {
            writer.WriteString("originator", "Organization: " + string.Join(", ", component.AuthorNames));
        }

        writer.WriteString("downloadLocation", NoAssertion);
        writer.WriteBoolean("filesAnalyzed", false);
        if (component.Sha512Hex is { } hash)
        {
            writer.WriteStartArray("checksums");
            writer.WriteStartObject();
            writer.WriteString("algorithm", "SHA512");
            writer.WriteString("checksumValue", hash);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (SbomJson.IsAbsoluteUrl(metadata?.ProjectUrl))
        {
            writer.WriteString("homepage", metadata!.ProjectUrl);
        }

        writer.WriteString("licenseConcluded", NoAssertion);
        writer.WriteString("licenseDeclared", DeclaredLicense(component, ids, extracted));
        writer.WriteString("copyrightText", metadata?.Copyright ?? NoAssertion);
        if (metadata?.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        var comment = new StringBuilder("Target frameworks: ").AppendJoin(", ", component.Frameworks);
        if (component.ExcludedIn.Count > 0)
        {
            comment.Append("; development-only in: ").AppendJoin(", ", component.ExcludedIn);
        }

        if (component.Kind == DependencyKind.Project && !isRoot)
        {
            comment.Append("; project reference");
        }

        writer.WriteString("comment", comment.ToString());
        if (component.Purl is { } purl)
        {
            writer.WriteStartArray("externalRefs");
            writer.WriteStartObject();
            writer.WriteString("referenceCategory", "PACKAGE-MANAGER");
            writer.WriteString("referenceType", "purl");
            writer.WriteString("referenceLocator", purl);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteString("primaryPackagePurpose", component.IsApplication ? "APPLICATION" : "LIBRARY");
        writer.WriteEndObject();
    }

    private static string DeclaredLicense(SbomComponent component, Dictionary<string, string> ids, List<(string, string, string, string?)> extracted)
    {
        switch (component.Metadata?.License)
        {
            case { Expression: { } expression }:
                return expression;
            case { FileName: { } fileName } license:
                var fileRef = "LicenseRef-" + ids[component.BomRef]["SPDXRef-".Length..];
                extracted.Add((fileRef, $"License of {component.Name} {component.Version}", license.FileText ?? $"The license is the file {fileName} inside the package.", null));
                return fileRef;
            case { Url: { } url }:
                var urlRef = "LicenseRef-" + ids[component.BomRef]["SPDXRef-".Length..];
                extracted.Add((urlRef, $"License of {component.Name} {component.Version}", $"The package names its license only by URL: {url}", SbomJson.IsAbsoluteUrl(url) ? url : null));
                return urlRef;
            default:
                return NoAssertion;
        }
    }

    private static void WriteRelationship(Utf8JsonWriter writer, string element, string type, string related)
    {
        writer.WriteStartObject();
        writer.WriteString("spdxElementId", element);
        writer.WriteString("relationshipType", type);
        writer.WriteString("relatedSpdxElement", related);
        writer.WriteEndObject();
    }

    // SPDX ids allow only letters, digits, '.' and '-'; NuGet ids also allow '_', so a clash is possible and gets a suffix.
    private static Dictionary<string, string> AssignIds(SbomDocument document)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in document.Components.Prepend(document.Root))
        {
            var baseId = "SPDXRef-Package-" + Sanitize($"{component.Name}-{component.Version}");
            var id = baseId;
            for (var n = 2; !used.Add(id); n++)
            {
                id = $"{baseId}-{n}";
            }

            ids[component.BomRef] = id;
        }

        return ids;
    }

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return builder.ToString();
    }
}
