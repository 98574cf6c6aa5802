using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Tracking;

/// <summary>Symbol helpers shared by the rules that look for specific framework types and members.</summary>
internal static class TypeChecks
{
    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is or derives from any of <paramref name="baseTypes"/>.</summary>
    public static bool IsOrDerivesFromAny(this ITypeSymbol? type, INamedTypeSymbol?[] baseTypes, out INamedTypeSymbol? matched)
    {
        foreach (var baseType in baseTypes)
        {
            if (type.IsOrDerivesFrom(baseType))
            {
                matched = baseType;
                return true;
            }
        }

        matched = null;
        return false;
    }

    /// <summary>True when <paramref name="type"/> equals <paramref name="other"/> (null-safe).</summary>
    public static bool Is(this ITypeSymbol? type, INamedTypeSymbol? other) =>
        other is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, other);

    /// <summary>The method (or constructor) a call or object creation invokes, with its arguments; null for any other operation.</summary>
    public static (IMethodSymbol? Method, ImmutableArray<IArgumentOperation> Arguments) CallTarget(IOperation operation) => operation switch
    {
        IInvocationOperation i => (i.TargetMethod, i.Arguments),
        IObjectCreationOperation { Constructor: { } ctor } o => (ctor, o.Arguments),
        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
    };
}
