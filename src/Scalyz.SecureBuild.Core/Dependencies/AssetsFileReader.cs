using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Dependencies;

/// <summary>
/// Reads NuGet's project.assets.json (lock file format versions 3 and 4) into a <see cref="DependencyGraph"/>.
/// Only the parts a dependency graph needs are read; unknown properties are ignored so newer SDKs keep working.
/// </summary>
public static class AssetsFileReader
{
    private const string What = "a NuGet assets file";

    /// <summary>Reads the assets file at <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">The file is missing, is not JSON, or lacks what an assets file has.</exception>
    public static DependencyGraph Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(
                DiagnosticCodes.AssetsFileMissing,
                path,
                $"The NuGet assets file '{path}' does not exist. Run 'dotnet restore' (or build without --no-restore) first.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(DiagnosticCodes.AssetsFileInvalid, path, $"The NuGet assets file '{path}' cannot be read: {e.Message}", inner: e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses assets-file bytes; <paramref name="path"/> is used in error messages only.</summary>
    public static DependencyGraph Parse(ReadOnlyMemory<byte> json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw InputFileException.FromJson(DiagnosticCodes.AssetsFileInvalid, path, What, e);
        }

        using (document)
        {
            return new Parser(path).Parse(document.RootElement);
        }
    }

    private sealed class Parser(string path)
    {
        public DependencyGraph Parse(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the top level is not a JSON object");
            }

            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            if (version is not (3 or 4))
            {
                throw Invalid($"its format version is {(version == 0 ? "missing" : version)}, and versions 3 and 4 (NuGet 4.0 to 7.x) are supported");
            }

            var targets = RequireObject(root, "targets");
            var libraries = RequireObject(root, "libraries");
            var project = RequireObject(root, "project");
            var restore = RequireObject(project, "restore");

            var projectInfo = new ProjectInfo(
                GetString(restore, "projectName") ?? Path.GetFileNameWithoutExtension(GetString(restore, "projectPath") ?? path),
                GetString(restore, "projectPath") ?? GetString(restore, "projectUniqueName") ?? string.Empty,
                GetString(project, "version"));

            var directByTarget = ReadDirectDependencies(root);
            var frameworks = ReadFrameworks(project);

            var targetGraphs = new List<TargetGraph>();
            foreach (var target in targets.EnumerateObject())
            {
                var (frameworkKey, rid) = SplitTargetName(target.Name);
                var framework = frameworks.Resolve(frameworkKey);
                directByTarget.TryGetValue(frameworkKey, out var direct);
                targetGraphs.Add(ReadTarget(target, framework, rid, direct ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase), libraries));
            }

            var folders = root.TryGetProperty("packageFolders", out var pf) && pf.ValueKind == JsonValueKind.Object
                ? pf.EnumerateObject().Select(p => p.Name).ToList()
                : [];

            return new DependencyGraph(projectInfo, targetGraphs.OrderBy(t => t.Framework, StringComparer.Ordinal).ThenBy(t => t.RuntimeIdentifier, StringComparer.Ordinal).ToList(), folders);
        }

        private TargetGraph ReadTarget(JsonProperty target, FrameworkInfo framework, string? rid, HashSet<string> direct, JsonElement libraries)
        {
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"target '{target.Name}' is not a JSON object");
            }

            var dependencies = new List<ResolvedDependency>();
            foreach (var entry in target.Value.EnumerateObject())
            {
                var (id, version) = SplitLibraryKey(entry.Name);
                var type = GetString(entry.Value, "type") ?? "package";
                var kind = string.Equals(type, "project", StringComparison.OrdinalIgnoreCase) ? DependencyKind.Project : DependencyKind.Package;
                libraries.TryGetProperty(entry.Name, out var library);
                var isDirect = direct.Contains(id);
                framework.Dependencies.TryGetValue(id, out var declared);

                var edges = new List<DependencyEdge>();
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
                {
                    foreach (var dep in deps.EnumerateObject())
                    {
                        edges.Add(new DependencyEdge(dep.Name, dep.Value.ValueKind == JsonValueKind.String ? dep.Value.GetString()! : string.Empty));
                    }
                }

                dependencies.Add(new ResolvedDependency(
                    id,
                    version,
                    kind,
                    isDirect,
                    isDirect && kind == DependencyKind.Package ? declared?.Range : null,
                    isDirect && declared?.PrivateAssetsAll == true,
                    isDirect && declared?.AutoReferenced == true,
                    library.ValueKind == JsonValueKind.Object ? GetString(library, "sha512") : null,
                    library.ValueKind == JsonValueKind.Object ? GetString(library, "path") : null,
                    edges.OrderBy(e => e.Id, StringComparer.OrdinalIgnoreCase).ToList()));
            }

            dependencies.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id) is var c and not 0 ? c : StringComparer.Ordinal.Compare(a.Version, b.Version));
            // A package the project asks for that restore did not resolve cannot be audited; say so rather than skip it.
            // The framework graph lists every reference; a runtime-specific graph adds to it, so it is checked there only.
            var resolved = new HashSet<string>(dependencies.Select(d => d.Id), StringComparer.OrdinalIgnoreCase);
            var unresolved = rid is not null ? [] : framework.Dependencies.Keys.Where(id => !resolved.Contains(id)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return new TargetGraph(framework.Alias, rid, dependencies, unresolved);
        }

        // projectFileDependencyGroups is keyed like "targets" (without the RID) and lists what the project asks for itself,
        // packages and project references alike, as "Id >= 1.0.0".
        private static Dictionary<string, HashSet<string>> ReadDirectDependencies(JsonElement root)
        {
            var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            if (!root.TryGetProperty("projectFileDependencyGroups", out var groups) || groups.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var group in groups.EnumerateObject())
            {
                var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (group.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in group.Value.EnumerateArray())
                    {
                        var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : string.Empty;
                        var space = text.IndexOf(' ', StringComparison.Ordinal);
                        var id = space < 0 ? text : text[..space];
                        if (id.Length > 0)
                        {
                            ids.Add(id);
                        }
                    }
                }

                result[group.Name] = ids;
            }

            return result;
        }

        private static FrameworkTable ReadFrameworks(JsonElement project)
        {
            var table = new FrameworkTable();
            if (project.TryGetProperty("frameworks", out var frameworks) && frameworks.ValueKind == JsonValueKind.Object)
            {
                foreach (var framework in frameworks.EnumerateObject())
                {
                    var declared = new Dictionary<string, DeclaredDependency>(StringComparer.OrdinalIgnoreCase);
                    if (framework.Value.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var dep in deps.EnumerateObject())
                        {
                            var suppressParent = GetString(dep.Value, "suppressParent");
                            declared[dep.Name] = new DeclaredDependency(
                                GetString(dep.Value, "version"),
                                string.Equals(suppressParent, "All", StringComparison.OrdinalIgnoreCase),
                                dep.Value.TryGetProperty("autoReferenced", out var auto) && auto.ValueKind == JsonValueKind.True);
                        }
                    }

                    var alias = GetString(framework.Value, "targetAlias") ?? framework.Name;
                    table.Add(new FrameworkInfo(alias, GetString(framework.Value, "framework"), framework.Name, declared));
                }
            }

            return table;
        }

        private static (string Framework, string? Rid) SplitTargetName(string name)
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? (name, null) : (name[..slash], name[(slash + 1)..]);
        }

        private (string Id, string Version) SplitLibraryKey(string key)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == key.Length - 1)
            {
                throw Invalid($"the library '{key}' is not of the form 'Id/Version'");
            }

            return (key[..slash], key[(slash + 1)..]);
        }

        private JsonElement RequireObject(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"it has no '{name}' object");
            }

            return value;
        }

        private static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private InputFileException Invalid(string reason) =>
            new(DiagnosticCodes.AssetsFileInvalid, path, $"'{path}' is not a valid NuGet assets file: {reason}. Delete it and restore again.");
    }

    private sealed record DeclaredDependency(string? Range, bool PrivateAssetsAll, bool AutoReferenced);

    private sealed record FrameworkInfo(string Alias, string? FrameworkName, string Key, Dictionary<string, DeclaredDependency> Dependencies);

    // Targets are keyed by the framework's short name in current SDKs and by its long name (".NETCoreApp,Version=v8.0")
    // in older ones, while project.frameworks is keyed by alias; match on any of them, and fall back to the only one.
    private sealed class FrameworkTable
    {
        private readonly List<FrameworkInfo> _frameworks = [];

        public void Add(FrameworkInfo info) => _frameworks.Add(info);

        public FrameworkInfo Resolve(string targetKey)
        {
            foreach (var f in _frameworks)
            {
                if (string.Equals(f.Key, targetKey, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(f.Alias, targetKey, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(f.FrameworkName, targetKey, StringComparison.OrdinalIgnoreCase))
                {
                    return f;
                }
            }

            return _frameworks.Count == 1
                ? _frameworks[0]
                : new FrameworkInfo(targetKey, targetKey, targetKey, new Dictionary<string, DeclaredDependency>(StringComparer.OrdinalIgnoreCase));
        }
    }
}
