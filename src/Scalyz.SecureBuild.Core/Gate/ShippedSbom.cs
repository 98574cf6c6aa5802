using System.Globalization;
using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>A hash of a component as the SBOM states it.</summary>
/// <param name="Algorithm">The algorithm as written (SHA-512, SHA256, ...).</param>
/// <param name="Value">The hash value as written.</param>
public sealed record ComponentHash(string Algorithm, string Value);

/// <summary>One component of a shipped SBOM, whatever its format.</summary>
/// <param name="Reference">Its bom-ref (CycloneDX) or SPDXID (SPDX), or null when it has none.</param>
/// <param name="Name">Its name, or null when missing.</param>
/// <param name="Version">Its version, or null when missing.</param>
/// <param name="Purl">Its package URL, or null when missing.</param>
/// <param name="Supplier">Its supplier, or null when missing or NOASSERTION.</param>
/// <param name="License">Its license as an SPDX expression, or null when none is stated.</param>
/// <param name="Hashes">Its hashes.</param>
/// <param name="HasRelationships">True when the SBOM states its dependency relationships (an entry, possibly empty).</param>
/// <param name="IsFirstParty">True for a project reference built with the release (SecureBuild marks them): no package hash or separate supplier.</param>
public sealed record ShippedComponent(
    string? Reference,
    string? Name,
    string? Version,
    string? Purl,
    string? Supplier,
    string? License,
    IReadOnlyList<ComponentHash> Hashes,
    bool HasRelationships,
    bool IsFirstParty = false)
{
    /// <summary>How a release manager names the component: "Name Version", else its reference.</summary>
    public string DisplayName => Name is null ? Reference ?? "(unnamed component)" : Version is null ? Name : $"{Name} {Version}";
}

/// <summary>
/// The format-neutral view the release gate takes of a CycloneDX 1.5/1.6 or SPDX 2.3 JSON SBOM: what ships (components
/// whose scope is "excluded" are development-only and left out) and the NTIA document elements (author, timestamp).
/// </summary>
/// <param name="Path">The SBOM file.</param>
/// <param name="Format">"CycloneDX 1.6", "CycloneDX 1.5" or "SPDX 2.3".</param>
/// <param name="Timestamp">When the SBOM data was made, or null when missing.</param>
/// <param name="Authors">Who made the SBOM data (authors, manufacturer or SPDX creators other than tools).</param>
/// <param name="Components">The components that ship.</param>
/// <param name="Subject">The name of what the SBOM describes (CycloneDX metadata.component, the package an SPDX document describes), when stated.</param>
public sealed record ShippedSbom(string Path, string Format, DateTimeOffset? Timestamp, IReadOnlyList<string> Authors, IReadOnlyList<ShippedComponent> Components, string? Subject)
{
    /// <summary>Reads an SBOM file; a truncated file, an unknown format or spec version is an <see cref="InputFileException"/> (SSB3100).</summary>
    public static ShippedSbom Read(string path)
    {
        var bytes = InputFileException.ReadAllBytes(DiagnosticCodes.GateSbomInvalid, path, "SBOM");
        return Parse(bytes, path);
    }

    /// <summary>Parses SBOM JSON; <paramref name="path"/> is used in error messages.</summary>
    public static ShippedSbom Parse(byte[] utf8, string path)
    {
        var document = JsonInput.Parse(utf8, DiagnosticCodes.GateSbomInvalid, path, "a CycloneDX or SPDX SBOM (is it truncated?)");
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && Text(root, "bomFormat") == "CycloneDX")
            {
                var spec = Text(root, "specVersion");
                if (spec is null && root.TryGetProperty("specVersion", out var given) && given.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(path, $"gives \"specVersion\" as {given.ValueKind.ToString().ToLowerInvariant()} {given.GetRawText()}; CycloneDX requires a string such as \"1.6\"");
                }

                return spec is "1.5" or "1.6"
                    ? ReadCycloneDx(root, path, $"CycloneDX {spec}")
                    : throw Invalid(path, $"is CycloneDX {spec ?? "without a specVersion"}; the gate reads CycloneDX 1.5 and 1.6");
            }

            if (root.ValueKind == JsonValueKind.Object && Text(root, "spdxVersion") is { } spdx)
            {
                return spdx == "SPDX-2.3" ? ReadSpdx(root, path) : throw Invalid(path, $"is {spdx}; the gate reads SPDX-2.3");
            }

            throw Invalid(path, "is neither a CycloneDX JSON SBOM (\"bomFormat\": \"CycloneDX\") nor an SPDX JSON document (\"spdxVersion\")");
        }
    }

    /// <summary>The NuGet packages that ship, from the components' package URLs (pkg:nuget/Name@Version), each id and version once.</summary>
    public IReadOnlyList<(string Id, string Version)> NuGetPackages() => Components
        .Select(c => c.Purl is null ? null : NuGetPurl.Parse(c.Purl))
        .OfType<(string Id, string Version)>()
        .DistinctBy(p => (p.Id.ToUpperInvariant(), p.Version))
        .ToList();

    private static InputFileException Invalid(string path, string problem) =>
        new(DiagnosticCodes.GateSbomInvalid, path, $"The SBOM '{path}' {problem}.");

    private static ShippedSbom ReadCycloneDx(JsonElement root, string path, string format)
    {
        var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var authors = new List<string>();
        if (metadata.ValueKind == JsonValueKind.Object)
        {
            authors.AddRange(Objects(metadata, "authors").Select(a => Text(a, "name")).OfType<string>().Where(a => a.Length > 0));
            foreach (var organisation in new[] { "manufacturer", "manufacture", "supplier" })
            {
                if (metadata.TryGetProperty(organisation, out var o) && o.ValueKind == JsonValueKind.Object && Text(o, "name") is { Length: > 0 } name)
                {
                    authors.Add(name);
                }
            }
        }

        var related = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in Objects(root, "dependencies"))
        {
            if (Text(dependency, "ref") is { } reference)
            {
                related.Add(reference);
            }
        }

        var components = new List<ShippedComponent>();
        Collect(root, components, related);
        var subject = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("component", out var described) && described.ValueKind == JsonValueKind.Object
            ? Text(described, "name")
            : null;
        return new ShippedSbom(path, format, Time(metadata.ValueKind == JsonValueKind.Object ? Text(metadata, "timestamp") : null), authors, components, subject);
    }

    private static void Collect(JsonElement parent, List<ShippedComponent> components, HashSet<string> related)
    {
        foreach (var c in Objects(parent, "components"))
        {
            if (Text(c, "scope") != "excluded")
            {
                var supplier = c.TryGetProperty("supplier", out var s) && s.ValueKind == JsonValueKind.Object ? Text(s, "name") : null;
                var reference = Text(c, "bom-ref");
                components.Add(new ShippedComponent(
                    reference,
                    Text(c, "name"),
                    Text(c, "version"),
                    Text(c, "purl"),
                    supplier is { Length: > 0 } ? supplier : null,
                    CycloneDxLicense(c),
                    Objects(c, "hashes").Select(h => new ComponentHash(Text(h, "alg") ?? string.Empty, Text(h, "content") ?? string.Empty)).ToList(),
                    reference is not null && related.Contains(reference),
                    Objects(c, "properties").Any(p => Text(p, "name") == "securebuild:reference" && Text(p, "value") == "project")));
            }

            Collect(c, components, related);
        }
    }

    private static string? CycloneDxLicense(JsonElement component)
    {
        var parts = new List<string>();
        foreach (var choice in Objects(component, "licenses"))
        {
            if (Text(choice, "expression") is { Length: > 0 } expression)
            {
                parts.Add(expression);
            }
            else if (choice.TryGetProperty("license", out var license) && license.ValueKind == JsonValueKind.Object
                && Text(license, "id") is { Length: > 0 } id)
            {
                parts.Add(id);
            }
        }

        // A license given only by name is not SPDX, so it counts as no stated license.
        // Several license entries on one component all apply (CycloneDX has no OR between entries).
        return parts.Count == 0 ? null : string.Join(" AND ", parts.Select(p => parts.Count > 1 && p.Contains(' ', StringComparison.Ordinal) ? $"({p})" : p));
    }

    private static ShippedSbom ReadSpdx(JsonElement root, string path)
    {
        var creation = root.TryGetProperty("creationInfo", out var ci) && ci.ValueKind == JsonValueKind.Object ? ci : default;
        var authors = new List<string>();
        string? created = null;
        if (creation.ValueKind == JsonValueKind.Object)
        {
            created = Text(creation, "created");
            if (creation.TryGetProperty("creators", out var creators) && creators.ValueKind == JsonValueKind.Array)
            {
                authors.AddRange(creators.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)
                    .Where(c => c.StartsWith("Person:", StringComparison.Ordinal) || c.StartsWith("Organization:", StringComparison.Ordinal))
                    .Select(c => c[(c.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()));
            }
        }

        var described = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("documentDescribes", out var describes) && describes.ValueKind == JsonValueKind.Array)
        {
            described.UnionWith(describes.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!));
        }

        var related = new HashSet<string>(StringComparer.Ordinal);
        var development = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relationship in Objects(root, "relationships"))
        {
            if (Text(relationship, "relationshipType") == "DESCRIBES" && Text(relationship, "relatedSpdxElement") is { } target)
            {
                described.Add(target);
            }
            else if (Text(relationship, "relationshipType") == "DEV_DEPENDENCY_OF" && Text(relationship, "spdxElementId") is { } tool)
            {
                development.Add(tool);
            }
            else
            {
                foreach (var end in new[] { "spdxElementId", "relatedSpdxElement" })
                {
                    if (Text(relationship, end) is { } element)
                    {
                        related.Add(element);
                    }
                }
            }
        }

        var subject = Objects(root, "packages").Where(p => Text(p, "SPDXID") is { } id && described.Contains(id)).Select(p => Text(p, "name")).FirstOrDefault();
        var components = Objects(root, "packages")
            .Where(p => Text(p, "SPDXID") is not { } id || (!described.Contains(id) && !development.Contains(id)))
            .Select(p =>
            {
                var id = Text(p, "SPDXID");
                var purl = Objects(p, "externalRefs").FirstOrDefault(r => Text(r, "referenceType") == "purl") is { ValueKind: JsonValueKind.Object } reference ? Text(reference, "referenceLocator") : null;
                var supplier = Text(p, "supplier") is { } s && s != "NOASSERTION" ? s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : null;
                var license = new[] { Text(p, "licenseConcluded"), Text(p, "licenseDeclared") }.FirstOrDefault(l => l is { Length: > 0 } and not "NOASSERTION" and not "NONE");
                return new ShippedComponent(
                    id,
                    Text(p, "name"),
                    Text(p, "versionInfo"),
                    purl,
                    supplier is { Length: > 0 } ? supplier : null,
                    license,
                    Objects(p, "checksums").Select(h => new ComponentHash(Text(h, "algorithm") ?? string.Empty, Text(h, "checksumValue") ?? string.Empty)).ToList(),
                    id is not null && related.Contains(id),
                    Text(p, "comment")?.Contains("; project reference", StringComparison.Ordinal) == true);
            })
            .ToList();
        return new ShippedSbom(path, "SPDX 2.3", Time(created), authors, components, subject);
    }

    private static IEnumerable<JsonElement> Objects(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
