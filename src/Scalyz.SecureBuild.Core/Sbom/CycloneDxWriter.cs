using System.Globalization;
using System.Text.Json;
using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>Writes an <see cref="SbomDocument"/> as CycloneDX JSON (1.6, or 1.5 for older consumers).</summary>
public static class CycloneDxWriter
{
    /// <summary>The property that records each target framework a component is resolved for.</summary>
    public const string FrameworkProperty = "securebuild:targetFramework";

    /// <summary>The property that records a framework in which a shipped component is development-only.</summary>
    public const string DevelopmentOnlyProperty = "securebuild:developmentOnlyIn";

    /// <summary>The metadata property naming a project of the solution that was left out because it was not restored.</summary>
    public const string LeftOutProperty = "securebuild:leftOutProject";

    /// <summary>The document as UTF-8 JSON bytes; the serial number is derived from the rest of the content.</summary>
    public static byte[] Write(SbomDocument document, SbomFormat format = SbomFormat.CycloneDx16)
    {
        if (format is not (SbomFormat.CycloneDx16 or SbomFormat.CycloneDx15))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not a CycloneDX format.");
        }

        var specVersion = format == SbomFormat.CycloneDx16 ? "1.6" : "1.5";
        var content = SbomJson.Write(writer => WriteBom(writer, document, specVersion, serialNumber: null));
        var serial = "urn:uuid:" + SbomJson.UuidFromContent(content);
        return SbomJson.Write(writer => WriteBom(writer, document, specVersion, serial));
    }

    private static void WriteBom(Utf8JsonWriter writer, SbomDocument document, string specVersion, string? serialNumber)
    {
        var is16 = specVersion == "1.6";
        writer.WriteStartObject();
        writer.WriteString("$schema", $"http://cyclonedx.org/schema/bom-{specVersion}.schema.json");
        writer.WriteString("bomFormat", "CycloneDX");
        writer.WriteString("specVersion", specVersion);
        if (serialNumber is not null)
        {
            writer.WriteString("serialNumber", serialNumber);
        }

        writer.WriteNumber("version", 1);

        writer.WriteStartObject("metadata");
        writer.WriteString("timestamp", SbomJson.FormatTimestamp(document.Timestamp));
        writer.WriteStartArray("lifecycles");
        writer.WriteStartObject();
        writer.WriteString("phase", "build");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("tools");
        writer.WriteStartArray("components");
        writer.WriteStartObject();
        writer.WriteString("type", "application");
        writer.WriteString("name", SbomBuilder.ToolName);
        writer.WriteString("version", document.ToolVersion);
        writer.WriteString("purl", SbomBuilder.PurlOf(SbomBuilder.ToolName, document.ToolVersion));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("authors");
        foreach (var author in document.Authors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", author);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("component");
        WriteComponent(writer, document.Root, is16, isRoot: true);
        if (document.LeftOutProjects.Count > 0)
        {
            writer.WriteStartArray("properties");
            foreach (var project in document.LeftOutProjects)
            {
                writer.WriteStartObject();
                writer.WriteString("name", LeftOutProperty);
                writer.WriteString("value", project);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();

        writer.WriteStartArray("components");
        foreach (var component in document.Components)
        {
            WriteComponent(writer, component, is16, isRoot: false);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("dependencies");
        foreach (var (reference, dependsOn) in document.Dependencies)
        {
            writer.WriteStartObject();
            writer.WriteString("ref", reference);
            writer.WriteStartArray("dependsOn");
            foreach (var target in dependsOn)
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter writer, SbomComponent component, bool is16, bool isRoot)
    {
        var metadata = component.Metadata;
        writer.WriteStartObject();
        writer.WriteString("type", component.IsApplication ? "application" : "library");
        writer.WriteString("bom-ref", component.BomRef);
        if (component.SupplierName is { } supplier)
        {
            writer.WriteStartObject("supplier");
            writer.WriteString("name", supplier);
            writer.WriteEndObject();
            if (is16)
            {
                writer.WriteStartArray("authors");
                foreach (var author in component.AuthorNames)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", author);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("author", string.Join(", ", component.AuthorNames));
            }
        }

        writer.WriteString("name", component.Name);
        writer.WriteString("version", component.Version);
        if (metadata?.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        if (!isRoot)
        {
            writer.WriteString("scope", component.IsExcluded ? "excluded" : "required");
        }

        if (component.Sha512Hex is { } hash)
        {
            writer.WriteStartArray("hashes");
            writer.WriteStartObject();
            writer.WriteString("alg", "SHA-512");
            writer.WriteString("content", hash);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (metadata?.License is { } license)
        {
            WriteLicense(writer, license);
        }

        if (metadata?.Copyright is { } copyright)
        {
            writer.WriteString("copyright", copyright);
        }

        if (component.Purl is { } purl)
        {
            writer.WriteString("purl", purl);
        }

        WriteExternalReferences(writer, metadata);

        var properties = component.Frameworks.Select(f => (FrameworkProperty, f))
            .Concat(component.ExcludedIn.Select(f => (DevelopmentOnlyProperty, f)))
            .ToList();
        if (component.Kind == DependencyKind.Project && !isRoot)
        {
            properties.Insert(0, ("securebuild:reference", "project"));
        }

        if (properties.Count > 0)
        {
            writer.WriteStartArray("properties");
            foreach (var (name, value) in properties)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteLicense(Utf8JsonWriter writer, PackageLicense license)
    {
        writer.WriteStartArray("licenses");
        writer.WriteStartObject();
        if (license.Expression is { } expression)
        {
            writer.WriteString("expression", expression);
        }
        else
        {
            writer.WriteStartObject("license");
            if (license.FileName is { } fileName)
            {
                writer.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"License file {fileName} in the package"));
                if (license.FileText is { } text)
                {
                    writer.WriteStartObject("text");
                    writer.WriteString("contentType", "text/plain");
                    writer.WriteString("content", text);
                    writer.WriteEndObject();
                }
            }
            else
            {
                writer.WriteString("name", license.Url);
                if (SbomJson.IsAbsoluteUrl(license.Url))
                {
                    writer.WriteString("url", license.Url);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteExternalReferences(Utf8JsonWriter writer, PackageMetadata? metadata)
    {
        var references = new List<(string Type, string Url, string? Comment)>();
        if (SbomJson.IsAbsoluteUrl(metadata?.ProjectUrl))
        {
            references.Add(("website", metadata!.ProjectUrl!, null));
        }

        if (SbomJson.IsAbsoluteUrl(metadata?.RepositoryUrl))
        {
            references.Add(("vcs", metadata!.RepositoryUrl!, metadata.RepositoryCommit is { } commit ? "commit " + commit : null));
        }

        if (references.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("externalReferences");
        foreach (var (type, url, comment) in references)
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("url", url);
            if (comment is not null)
            {
                writer.WriteString("comment", comment);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
