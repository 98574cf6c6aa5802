using Scalyz.SecureBuild.Core.Dependencies;

namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>The SBOM formats SecureBuild writes.</summary>
public enum SbomFormat
{
    /// <summary>CycloneDX 1.6 JSON (the default).</summary>
    CycloneDx16,

    /// <summary>CycloneDX 1.5 JSON, for consumers that do not read 1.6 yet.</summary>
    CycloneDx15,

    /// <summary>SPDX 2.3 JSON.</summary>
    Spdx23,
}

/// <summary>A format-neutral bill of materials: what the writers turn into CycloneDX or SPDX.</summary>
/// <param name="Root">The thing described (the project, or the application made of several projects).</param>
/// <param name="Components">Every package and project reference, sorted by purl.</param>
/// <param name="Dependencies">For the root and every component (by bom-ref), the bom-refs it depends on, sorted.</param>
/// <param name="Timestamp">When the SBOM was made (a fixed time in deterministic mode).</param>
/// <param name="Authors">The author of the SBOM data (NTIA's "author of SBOM data").</param>
/// <param name="ToolVersion">The version of SecureBuild that wrote it.</param>
/// <param name="Warnings">What could not be filled in (e.g. a package missing from the package folders).</param>
public sealed record SbomDocument(
    SbomComponent Root,
    IReadOnlyList<SbomComponent> Components,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Authors,
    string ToolVersion,
    IReadOnlyList<SbomWarning> Warnings)
{
    /// <summary>Projects of the solution left out because they were not restored (recorded in the SBOM).</summary>
    public IReadOnlyList<string> LeftOutProjects { get; init; } = [];
}

/// <summary>One component: the root, a NuGet package or a project reference.</summary>
/// <param name="BomRef">The unique reference used in the dependency graph: a package's purl, <c>project:Name@Version</c> for a project of the solution.</param>
/// <param name="Name">The package id or project name.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="Purl">pkg:nuget/Name@Version for a package; null for a project of the solution unless project purls were asked for.</param>
/// <param name="Kind">Package or project.</param>
/// <param name="IsApplication">True for a root that builds an executable.</param>
/// <param name="IsExcluded">True when only development-time dependencies reach it (it does not ship).</param>
/// <param name="Sha512Hex">The package's SHA-512 (lower-case hex), null for projects.</param>
/// <param name="Metadata">What the package's nuspec says, when it was found.</param>
/// <param name="Frameworks">The target frameworks (and runtime identifiers) the component is resolved for.</param>
/// <param name="ExcludedIn">The frameworks in which the component is development-only, when that differs between frameworks.</param>
/// <param name="Supplier">For a first-party project: its company (else authors, else the SBOM author). Packages take theirs from the nuspec.</param>
/// <param name="ProjectAuthors">For a first-party project: its authors (else company, else the SBOM author).</param>
public sealed record SbomComponent(
    string BomRef,
    string Name,
    string Version,
    string? Purl,
    DependencyKind Kind,
    bool IsApplication,
    bool IsExcluded,
    string? Sha512Hex,
    PackageMetadata? Metadata,
    IReadOnlyList<string> Frameworks,
    IReadOnlyList<string> ExcludedIn,
    string? Supplier = null,
    IReadOnlyList<string>? ProjectAuthors = null)
{
    /// <summary>The supplier to state: the project's, else the nuspec authors.</summary>
    public string? SupplierName => Supplier ?? (Metadata is { Authors.Count: > 0 } m ? string.Join(", ", m.Authors) : null);

    /// <summary>The authors to state: the project's, else the nuspec's.</summary>
    public IReadOnlyList<string> AuthorNames => ProjectAuthors ?? Metadata?.Authors ?? [];
}

/// <summary>The descriptive part of a package's nuspec.</summary>
/// <param name="License">The license as declared, or null when the nuspec names none.</param>
/// <param name="Authors">The nuspec's authors, in order.</param>
/// <param name="Description">The nuspec's description.</param>
/// <param name="Copyright">The nuspec's copyright line.</param>
/// <param name="ProjectUrl">The nuspec's projectUrl.</param>
/// <param name="RepositoryUrl">The repository element's url.</param>
/// <param name="RepositoryCommit">The repository element's commit.</param>
public sealed record PackageMetadata(
    PackageLicense? License,
    IReadOnlyList<string> Authors,
    string? Description,
    string? Copyright,
    string? ProjectUrl,
    string? RepositoryUrl,
    string? RepositoryCommit);

/// <summary>
/// A package's license: an SPDX expression (from a license expression or a well-known licenseUrl), a license file
/// shipped in the package, or only a URL nobody can map to an SPDX id.
/// </summary>
/// <param name="Expression">A valid SPDX license expression, or null.</param>
/// <param name="FileName">The license file inside the package, for type="file" licenses.</param>
/// <param name="FileText">That file's text, when it could be read.</param>
/// <param name="Url">The licenseUrl when it maps to no SPDX id.</param>
public sealed record PackageLicense(string? Expression, string? FileName, string? FileText, string? Url);

/// <summary>Something the SBOM could not fill in, with the code and file to report it against.</summary>
public sealed record SbomWarning(string Code, string File, string Message);
