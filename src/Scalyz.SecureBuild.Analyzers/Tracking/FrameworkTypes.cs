using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Scalyz.SecureBuild.Analyzers.Tracking;

/// <summary>
/// Framework types a rule looks for, resolved once per compilation so the callbacks compare symbols instead of
/// building display strings; an empty set means the framework is not referenced and the rule registers nothing.
/// </summary>
internal static class FrameworkTypes
{
    /// <summary>The types of <paramref name="metadataNames"/> the compilation has; absent ones are left out.</summary>
    public static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, params string[] metadataNames)
    {
        var found = ImmutableArray.CreateBuilder<INamedTypeSymbol>(metadataNames.Length);
        foreach (var name in metadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                found.Add(type);
            }
        }

        return found.ToImmutable();
    }

    /// <summary>True when <paramref name="type"/> is one of <paramref name="types"/> (no allocation).</summary>
    public static bool IsAny(this ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> types)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var candidate in types)
        {
            if (type.Is(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
