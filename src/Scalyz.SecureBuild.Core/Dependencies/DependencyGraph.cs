namespace Scalyz.SecureBuild.Core.Dependencies;

/// <summary>The resolved dependency graph of one project, as NuGet restore wrote it to project.assets.json.</summary>
/// <param name="Project">The project the graph belongs to.</param>
/// <param name="Targets">One graph per target framework (and runtime identifier, when restore resolved one).</param>
/// <param name="PackageFolders">The package folders restore used, the global packages folder first.</param>
public sealed record DependencyGraph(ProjectInfo Project, IReadOnlyList<TargetGraph> Targets, IReadOnlyList<string> PackageFolders)
{
    /// <summary>Every distinct package (id and version) over all targets, sorted by id then version.</summary>
    public IReadOnlyList<ResolvedDependency> DistinctPackages() =>
        Targets.SelectMany(t => t.Dependencies)
            .Where(d => d.Kind == DependencyKind.Package)
            .DistinctBy(d => (d.Id.ToUpperInvariant(), d.Version))
            .OrderBy(d => d.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(d => d.Version, StringComparer.Ordinal)
            .ToList();
}

/// <summary>The project a graph was restored for.</summary>
/// <param name="Name">The project name (restore's projectName).</param>
/// <param name="Path">The full path of the project file, as restore recorded it.</param>
/// <param name="Version">The project's package version, when restore recorded one.</param>
public sealed record ProjectInfo(string Name, string Path, string? Version);

/// <summary>The packages and projects resolved for one target framework.</summary>
/// <param name="Framework">The target framework (its alias, e.g. net10.0).</param>
/// <param name="RuntimeIdentifier">The runtime identifier of a RID-specific graph, or null.</param>
/// <param name="Dependencies">Every resolved package and project reference, direct and transitive, sorted by id.</param>
/// <param name="Unresolved">Packages the project references for this framework that have no entry in the graph.</param>
public sealed record TargetGraph(string Framework, string? RuntimeIdentifier, IReadOnlyList<ResolvedDependency> Dependencies, IReadOnlyList<string>? Unresolved = null)
{
    /// <summary>Packages the project references that restore did not resolve (none when unknown).</summary>
    public IReadOnlyList<string> UnresolvedPackages => Unresolved ?? [];

    /// <summary>The framework, with the runtime identifier when there is one ("net10.0/linux-x64").</summary>
    public string Name => RuntimeIdentifier is null ? Framework : $"{Framework}/{RuntimeIdentifier}";
}

/// <summary>Whether a dependency is a NuGet package or a project reference.</summary>
public enum DependencyKind
{
    Package,
    Project,
}

/// <summary>One resolved package or project reference in a target graph.</summary>
/// <param name="Id">The package id or project name, with the casing restore resolved.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="Kind">Package or project.</param>
/// <param name="IsDirect">True when the project references it itself (PackageReference or ProjectReference).</param>
/// <param name="RequestedRange">For a direct package reference, the version range asked for.</param>
/// <param name="IsDevelopmentOnly">True for a direct reference with PrivateAssets="all" (analyzers, build tools).</param>
/// <param name="IsAutoReferenced">True for a reference the SDK added implicitly.</param>
/// <param name="Sha512">The package's content hash (base64 SHA-512) from the assets file, or null for projects.</param>
/// <param name="Path">The package's folder below a package folder, or a project's relative path.</param>
/// <param name="Dependencies">What this dependency depends on, as declared (id and version range).</param>
public sealed record ResolvedDependency(
    string Id,
    string Version,
    DependencyKind Kind,
    bool IsDirect,
    string? RequestedRange,
    bool IsDevelopmentOnly,
    bool IsAutoReferenced,
    string? Sha512,
    string? Path,
    IReadOnlyList<DependencyEdge> Dependencies);

/// <summary>A declared dependency of a package: the id and the version range it asks for.</summary>
public sealed record DependencyEdge(string Id, string VersionRange);
