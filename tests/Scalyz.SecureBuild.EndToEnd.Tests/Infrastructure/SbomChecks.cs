using System.Text.Json;
using Scalyz.SecureBuild.Testing;

namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The independent checks an SBOM must pass on a real restore: the official schema, the components of
/// <c>dotnet list package --include-transitive</c>, SHA-512 = the assets file's content hash, graph edges = the assets
/// file (project nodes included), every direct package hanging off its project node, and NTIA's minimum elements.
/// </summary>
internal static class SbomChecks
{
    internal static JsonElement.ArrayEnumerator Components(JsonElement bom) => bom.GetProperty("components").EnumerateArray();

    internal static void AssertValid(string kind, string file)
    {
        var (exitCode, output) = SbomValidator.Validate(kind, file);
        Assert.True(exitCode == 0, output);
    }

    internal static List<string> PackagesFromDotnetList(string json) =>
        DotnetListPackage.Parse(json).Select(p => $"{p.Framework} {p.Id} {p.Version}").Order(StringComparer.OrdinalIgnoreCase).ToList();

    internal static List<string> PackagesFromSbom(JsonElement bom) =>
        Components(bom)
            .Where(c => !c.GetProperty("properties").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "securebuild:reference"))
            .SelectMany(c => c.GetProperty("properties").EnumerateArray()
                .Where(p => p.GetProperty("name").GetString() == "securebuild:targetFramework")
                .Select(p => $"{p.GetProperty("value").GetString()} {c.GetProperty("name").GetString()} {c.GetProperty("version").GetString()}"))
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    internal static List<string> HashesFromAssets(JsonElement assets) =>
        assets.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.TryGetProperty("sha512", out _))
            .Select(l => $"pkg:nuget/{l.Name.Replace('/', '@')} {Convert.ToHexStringLower(Convert.FromBase64String(l.Value.GetProperty("sha512").GetString()!))}")
            .Order(StringComparer.Ordinal)
            .ToList();

    internal static List<string> HashesFromSbom(JsonElement bom) =>
        Components(bom)
            .Where(c => c.TryGetProperty("hashes", out _))
            .Select(c => $"{c.GetProperty("purl").GetString()} {c.GetProperty("hashes")[0].GetProperty("content").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();

    // Every edge restore resolved, over the portable targets: the project to what it references itself, and each
    // package or project to the version of each dependency resolved in the same target.
    internal static List<string> EdgesFromAssets(JsonElement assets)
    {
        var project = assets.GetProperty("project");
        var root = $"project:{project.GetProperty("restore").GetProperty("projectName").GetString()}@{project.GetProperty("version").GetString()}";
        var edges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in assets.GetProperty("targets").EnumerateObject().Where(t => !t.Name.Contains('/', StringComparison.Ordinal)))
        {
            var versions = target.Value.EnumerateObject().ToDictionary(l => l.Name.Split('/')[0], l => l.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);
            foreach (var direct in assets.GetProperty("projectFileDependencyGroups").GetProperty(target.Name).EnumerateArray())
            {
                var id = direct.GetString()!.Split(' ')[0];
                var name = versions.Keys.Single(k => k.Equals(id, StringComparison.OrdinalIgnoreCase));
                edges.Add($"{root} -> {RefOf(assets, name, versions[name])}");
            }

            foreach (var library in target.Value.EnumerateObject())
            {
                if (library.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject())
                    {
                        var id = versions.Keys.Single(k => k.Equals(dependency.Name, StringComparison.OrdinalIgnoreCase));
                        var (from, fromVersion) = (library.Name.Split('/')[0], library.Name.Split('/')[1]);
                        edges.Add($"{RefOf(assets, from, fromVersion)} -> {RefOf(assets, id, versions[id])}");
                    }
                }
            }
        }

        return edges.Order(StringComparer.Ordinal).ToList();
    }

    internal static List<string> EdgesFromSbom(JsonElement bom) =>
        bom.GetProperty("dependencies").EnumerateArray()
            // CycloneDX allows leaving out an empty dependsOn (cyclonedx-dotnet does).
            .SelectMany(d => d.TryGetProperty("dependsOn", out var targets) ? targets.EnumerateArray().Select(t => $"{d.GetProperty("ref").GetString()} -> {t.GetString()}") : [])
            .Order(StringComparer.Ordinal)
            .ToList();

    // A library of the assets file is a project of the solution or a package: each has its own kind of bom-ref.
    internal static string RefOf(JsonElement assets, string name, string version) =>
        assets.GetProperty("libraries").TryGetProperty($"{name}/{version}", out var library) && library.GetProperty("type").GetString() == "project"
            ? $"project:{name}@{version}"
            : $"pkg:nuget/{name}@{version}";

    /// <summary>NTIA minimum elements: supplier, name, version, a unique id, relationships, author and timestamp; packages also a purl and a hash, first-party projects neither.</summary>
    internal static void AssertNtia(JsonElement bom)
    {
        var metadata = bom.GetProperty("metadata");
        Assert.NotEmpty(metadata.GetProperty("authors").EnumerateArray());
        Assert.True(metadata.TryGetProperty("timestamp", out _));
        var related = bom.GetProperty("dependencies").EnumerateArray().Select(d => d.GetProperty("ref").GetString()).ToHashSet();
        foreach (var component in Components(bom).Append(metadata.GetProperty("component")))
        {
            var reference = component.GetProperty("bom-ref").GetString()!;
            Assert.True(component.TryGetProperty("supplier", out var supplier) && supplier.GetProperty("name").GetString()!.Length > 0, $"{reference} has no supplier");
            Assert.False(string.IsNullOrEmpty(component.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(component.GetProperty("version").GetString()));
            Assert.Contains(reference, related);
            var firstParty = reference.StartsWith("project:", StringComparison.Ordinal) || reference.StartsWith("application:", StringComparison.Ordinal);
            Assert.True(firstParty != component.TryGetProperty("purl", out _), $"{reference}: a package has a purl, a project has none");
            if (!firstParty && component.GetProperty("scope").GetString() == "required")
            {
                Assert.True(component.TryGetProperty("hashes", out _), $"{reference} has no hash");
            }

            Assert.False(firstParty && component.TryGetProperty("hashes", out _), $"{reference} is a project and has a hash");
        }
    }

    /// <summary>Every package the project references itself (any framework) is an edge of the project's node.</summary>
    internal static void AssertDirectPackagesHangOffTheirProject(JsonElement bom, JsonElement assets)
    {
        var project = assets.GetProperty("project");
        var node = $"project:{project.GetProperty("restore").GetProperty("projectName").GetString()}@{project.GetProperty("version").GetString()}";
        var edges = bom.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == node)
            .GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        foreach (var target in assets.GetProperty("targets").EnumerateObject().Where(t => !t.Name.Contains('/', StringComparison.Ordinal)))
        {
            var versions = target.Value.EnumerateObject().ToDictionary(l => l.Name.Split('/')[0], l => l.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);
            foreach (var direct in assets.GetProperty("projectFileDependencyGroups").GetProperty(target.Name).EnumerateArray())
            {
                var id = versions.Keys.Single(k => k.Equals(direct.GetString()!.Split(' ')[0], StringComparison.OrdinalIgnoreCase));
                Assert.Contains(RefOf(assets, id, versions[id]), edges);
            }
        }
    }
}
