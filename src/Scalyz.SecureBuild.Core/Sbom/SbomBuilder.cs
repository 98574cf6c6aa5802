using System.Reflection;
using System.Xml;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;

namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>
/// Turns resolved dependency graphs into an <see cref="SbomDocument"/>: one component per package and project reference,
/// the full dependency graph over every target framework, development-only packages (and whatever only they pull in)
/// marked excluded, and package metadata from the nuspecs in the package folders.
/// </summary>
public static class SbomBuilder
{
    /// <summary>The name the tool gives itself in SBOM metadata.</summary>
    public const string ToolName = "Scalyz.SecureBuild";

    /// <summary>The tool's version (without source-revision metadata, so it does not change per commit).</summary>
    public static string ToolVersion { get; } = ReadToolVersion();

    /// <summary>The SBOM of one project.</summary>
    /// <exception cref="InputFileException">The runtime identifier asked for has no graph in the assets file.</exception>
    public static SbomDocument Build(DependencyGraph graph, SbomOptions options)
    {
        var version = graph.Project.Version ?? "1.0.0";
        var owner = options.RootOwner ?? ProjectOwner.Read(graph.Project.Path);
        var accumulator = new Accumulator(WithDefaultAuthors(options, owner));
        var root = accumulator.Root(ProjectRef(graph.Project.Name, version), graph.Project.Name, version, options.IsApplication, owner, graph.Targets.Where(t => accumulator.Selects(t)).Select(t => t.Name));
        accumulator.Add(graph, root.BomRef);
        return accumulator.ToDocument(root);
    }

    /// <summary>
    /// One SBOM for an application made of several projects: every project is a component the root depends on, and the
    /// packages of all of them are merged (a package ships when any project ships it).
    /// </summary>
    public static SbomDocument Build(IReadOnlyList<DependencyGraph> projects, string name, string version, SbomOptions options)
    {
        // The application is made by whoever makes all of its projects, when they agree (RootOwner); else by the SBOM author.
        var owner = options.RootOwner ?? new ProjectOwner(null, []);
        var accumulator = new Accumulator(WithDefaultAuthors(options, owner));
        var frameworks = projects.SelectMany(p => p.Targets.Where(t => accumulator.Selects(t)).Select(t => t.Name));
        var root = accumulator.Root($"application:{name}@{version}", name, version, options.IsApplication, owner, frameworks);
        foreach (var project in projects)
        {
            var projectRef = accumulator.AddProjectComponent(project, root.BomRef);
            accumulator.Add(project, projectRef);
        }

        return accumulator.ToDocument(root);
    }

    // Unless the user names the author of the SBOM data, it is whoever makes the project (the same in the build and the CLI).
    private static SbomOptions WithDefaultAuthors(SbomOptions options, ProjectOwner owner) =>
        options.Authors.Count > 0 || owner.IsEmpty ? options : options with { Authors = owner.Company is { } company ? [company] : owner.Authors };

    /// <summary>The package URL of a NuGet package (or a project, named as the package it would pack to).</summary>
    public static string PurlOf(string id, string version) => $"pkg:nuget/{Uri.EscapeDataString(id)}@{Uri.EscapeDataString(version)}";

    /// <summary>The bom-ref of a project of the solution: not a purl, so it never reads as a registry package.</summary>
    public static string ProjectRef(string name, string version) => $"project:{name}@{version}";

    private static string RefOf(DependencyKind kind, string id, string version) => kind == DependencyKind.Project ? ProjectRef(id, version) : PurlOf(id, version);

    private static string ReadToolVersion()
    {
        var informational = typeof(SbomBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }

    private sealed class Entry(string name, string version, DependencyKind kind)
    {
        public string Name { get; } = name;

        public string Version { get; } = version;

        public DependencyKind Kind { get; } = kind;

        public string? Sha512 { get; set; }

        public PackageMetadata? Metadata { get; set; }

        public ProjectOwner? Owner { get; set; }

        public bool IsApplication { get; set; }

        public SortedSet<string> Frameworks { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> RequiredIn { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Accumulator(SbomOptions options)
    {
        private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);
        private readonly List<SbomWarning> _warnings = [];
        private readonly Dictionary<string, List<string>> _missingByProject = new(StringComparer.Ordinal);

        public bool Selects(TargetGraph target) => string.Equals(target.RuntimeIdentifier, options.RuntimeIdentifier, StringComparison.OrdinalIgnoreCase);

        private IReadOnlyList<string> DocumentAuthors => options.Authors.Count > 0 ? options.Authors : [ToolName];

        public SbomComponent Root(string bomRef, string name, string version, bool isApplication, ProjectOwner? owner, IEnumerable<string> frameworks)
        {
            EdgesOf(bomRef);
            var (supplier, authors) = Ownership(owner);
            return new SbomComponent(bomRef, name, version, options.ProjectPurls ? PurlOf(name, version) : null, DependencyKind.Project, isApplication, false, null, null, frameworks.Distinct().Order(StringComparer.Ordinal).ToList(), [], supplier, authors);
        }

        // A first-party project's supplier is its company (else its authors) and its authors are its authors (else its
        // company); a project that declares neither is made by whoever the SBOM data says made the SBOM.
        private (string Supplier, IReadOnlyList<string> Authors) Ownership(ProjectOwner? owner) =>
            owner is null || owner.IsEmpty
                ? (string.Join(", ", DocumentAuthors), DocumentAuthors)
                : (owner.Supplier!, owner.Authors.Count > 0 ? owner.Authors : [owner.Company!]);

        public string AddProjectComponent(DependencyGraph project, string rootRef)
        {
            var entry = GetOrAdd(project.Project.Name, project.Project.Version ?? "1.0.0", DependencyKind.Project, out var bomRef);
            entry.Owner ??= ProjectOwner.Read(project.Project.Path);
            entry.IsApplication = ProjectFileFacts.IsApplicationProject(project.Project.Path);
            foreach (var target in project.Targets.Where(Selects))
            {
                entry.Frameworks.Add(target.Name);
                entry.RequiredIn.Add(target.Name);
            }

            EdgesOf(rootRef).Add(bomRef);
            return bomRef;
        }

        public void Add(DependencyGraph graph, string ownerRef)
        {
            var targets = graph.Targets.Where(Selects).ToList();
            if (targets.Count == 0)
            {
                var available = string.Join(", ", graph.Targets.Select(t => t.Name));
                throw new InputFileException(
                    DiagnosticCodes.SbomRuntimeGraphMissing,
                    graph.Project.Path,
                    options.RuntimeIdentifier is null
                        ? $"The assets file of '{graph.Project.Name}' has no portable graph (it has {available})."
                        : $"The assets file of '{graph.Project.Name}' has no graph for runtime '{options.RuntimeIdentifier}' (it has {available}). Restore with '-r {options.RuntimeIdentifier}' (or set RuntimeIdentifiers) first.");
            }

            foreach (var target in targets)
            {
                var byId = new Dictionary<string, ResolvedDependency>(StringComparer.OrdinalIgnoreCase);
                foreach (var dependency in target.Dependencies)
                {
                    byId[dependency.Id] = dependency;
                }

                var required = Reachable(target, byId);
                foreach (var dependency in target.Dependencies)
                {
                    var entry = GetOrAdd(dependency.Id, dependency.Version, dependency.Kind, out var bomRef);
                    entry.Frameworks.Add(target.Name);
                    if (required.Contains(dependency.Id))
                    {
                        entry.RequiredIn.Add(target.Name);
                    }

                    if (dependency.Kind == DependencyKind.Package && entry.Sha512 is null && dependency.Sha512 is not null)
                    {
                        entry.Sha512 = ToHex(dependency.Sha512);
                    }

                    if (dependency.Kind == DependencyKind.Package && entry.Metadata is null)
                    {
                        entry.Metadata = ReadMetadata(graph, dependency);
                    }

                    if (dependency.Kind == DependencyKind.Project && entry.Owner is null)
                    {
                        var projectFile = dependency.Path is { } relative
                            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(graph.Project.Path) ?? ".", relative.Replace('\\', Path.DirectorySeparatorChar)))
                            : null;
                        entry.Owner = projectFile is null ? new ProjectOwner(null, []) : ProjectOwner.Read(projectFile);
                        entry.IsApplication = projectFile is not null && ProjectFileFacts.IsApplicationProject(projectFile);
                    }

                    var edges = EdgesOf(bomRef);
                    foreach (var edge in dependency.Dependencies)
                    {
                        if (byId.TryGetValue(edge.Id, out var resolved))
                        {
                            edges.Add(RefOf(resolved.Kind, resolved.Id, resolved.Version));
                        }
                    }

                    if (dependency.IsDirect)
                    {
                        EdgesOf(ownerRef).Add(bomRef);
                    }
                }
            }
        }

        public SbomDocument ToDocument(SbomComponent root)
        {
            foreach (var (project, missing) in _missingByProject)
            {
                var shown = string.Join(", ", missing.Take(5)) + (missing.Count > 5 ? $" and {missing.Count - 5} more" : string.Empty);
                _warnings.Add(new SbomWarning(
                    DiagnosticCodes.SbomPackageMetadataMissing,
                    project,
                    $"{missing.Count} package(s) are not in the package folders ({shown}), so their license, supplier and description are left out of the SBOM. Restore the project on this machine first."));
            }

            var components = _entries
                .Select(e =>
                {
                    var firstParty = e.Value.Kind == DependencyKind.Project;
                    var (supplier, authors) = firstParty ? Ownership(e.Value.Owner) : (null, null);
                    return new SbomComponent(
                        e.Key,
                        e.Value.Name,
                        e.Value.Version,
                        firstParty && !options.ProjectPurls ? null : PurlOf(e.Value.Name, e.Value.Version),
                        e.Value.Kind,
                        firstParty && e.Value.IsApplication,
                        e.Value.RequiredIn.Count == 0,
                        firstParty ? null : e.Value.Sha512,
                        e.Value.Metadata,
                        e.Value.Frameworks.ToList(),
                        e.Value.RequiredIn.Count == 0 ? [] : e.Value.Frameworks.Except(e.Value.RequiredIn).ToList(),
                        supplier,
                        authors);
                })
                .Where(c => c.BomRef != root.BomRef)
                .OrderBy(c => c.BomRef, StringComparer.Ordinal)
                .ToList();
            var dependencies = _edges
                .Where(e => e.Key == root.BomRef || _entries.ContainsKey(e.Key))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.Where(r => r != e.Key).ToList(), StringComparer.Ordinal);
            return new SbomDocument(root, components, dependencies, options.Timestamp ?? DateTimeOffset.UtcNow, DocumentAuthors, ToolVersion, _warnings);
        }

        // What the project ships in one target: everything reachable from its direct references that are not
        // development-only. A package that only an analyzer or build tool pulls in stays unreached, hence excluded.
        private static HashSet<string> Reachable(TargetGraph target, Dictionary<string, ResolvedDependency> byId)
        {
            var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<ResolvedDependency>(target.Dependencies.Where(d => d.IsDirect && !d.IsDevelopmentOnly));
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!reached.Add(current.Id))
                {
                    continue;
                }

                foreach (var edge in current.Dependencies)
                {
                    if (byId.TryGetValue(edge.Id, out var next) && !reached.Contains(next.Id))
                    {
                        pending.Push(next);
                    }
                }
            }

            return reached;
        }

        private Entry GetOrAdd(string id, string version, DependencyKind kind, out string bomRef)
        {
            bomRef = RefOf(kind, id, version);
            if (!_entries.TryGetValue(bomRef, out var entry))
            {
                entry = new Entry(id, version, kind);
                _entries.Add(bomRef, entry);
            }

            EdgesOf(bomRef);
            return entry;
        }

        private SortedSet<string> EdgesOf(string bomRef)
        {
            if (!_edges.TryGetValue(bomRef, out var edges))
            {
                edges = new SortedSet<string>(StringComparer.Ordinal);
                _edges.Add(bomRef, edges);
            }

            return edges;
        }

        private PackageMetadata? ReadMetadata(DependencyGraph graph, ResolvedDependency package)
        {
            var relative = package.Path ?? $"{package.Id.ToLowerInvariant()}/{package.Version.ToLowerInvariant()}";
            var fileName = package.Id.ToLowerInvariant() + ".nuspec";
            foreach (var folder in graph.PackageFolders)
            {
                var nuspec = Path.Combine(folder, relative, fileName);
                if (!File.Exists(nuspec))
                {
                    continue;
                }

                try
                {
                    return NuspecReader.Read(nuspec);
                }
                catch (XmlException e)
                {
                    _warnings.Add(new SbomWarning(DiagnosticCodes.NuspecInvalid, nuspec, $"'{nuspec}' is not a valid nuspec ({e.Message}), so the SBOM leaves out the license, supplier and description of {package.Id} {package.Version}. Clear the package from the package folder and restore again."));
                    return null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _warnings.Add(new SbomWarning(DiagnosticCodes.NuspecInvalid, nuspec, $"'{nuspec}' cannot be read ({e.Message}), so the SBOM leaves out the license, supplier and description of {package.Id} {package.Version}."));
                    return null;
                }
            }

            if (!_missingByProject.TryGetValue(graph.Project.Path, out var missing))
            {
                missing = [];
                _missingByProject.Add(graph.Project.Path, missing);
            }

            missing.Add($"{package.Id} {package.Version}");
            return null;
        }

        private static string? ToHex(string base64)
        {
            try
            {
                return Convert.ToHexStringLower(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
