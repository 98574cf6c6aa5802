using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>
/// Checks that an SBOM describes the build it claims to: the packages that ship according to the projects' assets files
/// (what <see cref="SbomBuilder"/> would list as required) are exactly the SBOM's NuGet packages, with the same SHA-512.
/// </summary>
public static class BuildMatch
{
    /// <summary>The reasons (SSB3109) the SBOM and the restored build differ; empty when they match.</summary>
    /// <param name="sbom">The shipped SBOM.</param>
    /// <param name="graphs">The dependency graphs of the projects the release is built from.</param>
    public static IReadOnlyList<GateReason> Check(ShippedSbom sbom, IReadOnlyList<DependencyGraph> graphs)
    {
        var built = new Dictionary<(string, string), (string Name, string? Sha512)>();
        foreach (var graph in graphs)
        {
            foreach (var component in SbomBuilder.Build(graph, new SbomOptions()).Components.Where(c => c.Kind == DependencyKind.Package && !c.IsExcluded))
            {
                built[(component.Name.ToUpperInvariant(), component.Version)] = ($"{component.Name} {component.Version}", component.Sha512Hex);
            }
        }

        var reasons = new List<GateReason>();
        var listed = new HashSet<(string, string)>();
        foreach (var component in sbom.Components.Where(c => !c.IsFirstParty && c.Purl is not null))
        {
            if (NuGetPurl.Parse(component.Purl!) is not { } package)
            {
                continue;
            }

            var key = (package.Id.ToUpperInvariant(), package.Version);
            listed.Add(key);
            var name = $"{package.Id} {package.Version}";
            if (!built.TryGetValue(key, out var expected))
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateSbomMismatch, $"{name} is in the SBOM but the build does not ship it: regenerate the SBOM from this build.", name));
            }
            else if (expected.Sha512 is { } sha512 && component.Hashes.FirstOrDefault(h => IsSha512(h.Algorithm)) is { } hash
                && !string.Equals(hash.Value, sha512, StringComparison.OrdinalIgnoreCase))
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateSbomMismatch,
                    $"{name} has the SHA-512 {hash.Value[..Math.Min(16, hash.Value.Length)]}... in the SBOM but {sha512[..16]}... in the build's assets file: the package is not the one restored.", name));
            }
        }

        foreach (var (key, (name, _)) in built.Where(b => !listed.Contains(b.Key)).OrderBy(b => b.Value.Name, StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateSbomMismatch, $"{name} ships in the build but is missing from the SBOM: regenerate the SBOM from this build.", name));
        }

        return reasons;
    }

    private static bool IsSha512(string algorithm) =>
        algorithm.Replace("-", string.Empty, StringComparison.Ordinal).Equals("SHA512", StringComparison.OrdinalIgnoreCase);
}
