using System.Text.Json;

namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>One package as <c>dotnet list package --include-transitive --format json</c> reports it.</summary>
public sealed record ListedPackage(string Framework, string Id, string Version, bool IsDirect);

/// <summary>Reads the SDK's own package listing, the reference the e2e tests compare SecureBuild's outputs with.</summary>
public static class DotnetListPackage
{
    /// <summary>Every package of the first project in the listing, over all its frameworks.</summary>
    public static List<ListedPackage> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new List<ListedPackage>();
        foreach (var framework in document.RootElement.GetProperty("projects")[0].GetProperty("frameworks").EnumerateArray())
        {
            foreach (var kind in new[] { "topLevelPackages", "transitivePackages" })
            {
                if (framework.TryGetProperty(kind, out var packages))
                {
                    result.AddRange(packages.EnumerateArray().Select(p => new ListedPackage(
                        framework.GetProperty("framework").GetString()!,
                        p.GetProperty("id").GetString()!,
                        p.GetProperty("resolvedVersion").GetString()!,
                        kind == "topLevelPackages")));
                }
            }
        }

        return result;
    }
}
