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

    /// <summary>
    /// <paramref name="candidate"/> when every one of <paramref name="types"/> there is derives from it, else null: a
    /// base that lets <see cref="MayDeriveFrom"/> rule out all of them with one walk up a type's bases.
    /// </summary>
    public static INamedTypeSymbol? CommonBase(INamedTypeSymbol?[] types, INamedTypeSymbol? candidate) =>
        candidate is not null && System.Array.TrueForAll(types, t => t is null || t.IsOrDerivesFrom(candidate)) ? candidate : null;

    /// <summary>False only when <paramref name="type"/> does not derive from <paramref name="commonBase"/> (from <see cref="CommonBase"/>; null says nothing).</summary>
    public static bool MayDeriveFrom(this ITypeSymbol? type, INamedTypeSymbol? commonBase) =>
        commonBase is null || type.IsOrDerivesFrom(commonBase);

    /// <summary>True when <paramref name="type"/> equals <paramref name="other"/> (null-safe).</summary>
    public static bool Is(this ITypeSymbol? type, INamedTypeSymbol? other) =>
        other is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, other);

    /// <summary>
    /// True when <paramref name="symbol"/> is the namespace, or the non-generic type (not a nullable-annotated reference type), whose
    /// dotted name is <paramref name="fullName"/>: what <c>ToDisplayString() == fullName</c> says for such a name, without
    /// building the string. The last segment (the symbol's own cached name) is compared first, so almost every other
    /// symbol is rejected on its name's length.
    /// </summary>
    public static bool HasFullName(this ISymbol? symbol, string fullName)
    {
        if (symbol is ITypeSymbol type && (type is not INamedTypeSymbol { Arity: 0 } || type is { NullableAnnotation: NullableAnnotation.Annotated, IsValueType: false } || HasKeyword(type)))
        {
            return false;
        }

        var end = fullName.Length;
        for (var current = symbol; current is not null; current = (ISymbol?)current.ContainingType ?? current.ContainingNamespace)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true })
            {
                // Only a name that does not start at the first character gets here (".System", or the global namespace itself).
                return false;
            }

            // A generic containing type shows its type parameters, a keyword one (string.Enumerator) its keyword.
            if (current is INamedTypeSymbol { Arity: > 0 } || (current is ITypeSymbol containing && HasKeyword(containing)))
            {
                return false;
            }

            var name = current.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                var parent = (ISymbol?)current.ContainingType ?? current.ContainingNamespace;
                return parent is null or INamespaceSymbol { IsGlobalNamespace: true };
            }

            if (fullName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>True when the dotted name of <paramref name="ns"/> starts with <paramref name="prefix"/> (<c>ToDisplayString().StartsWith(prefix)</c>, without building the string).</summary>
    public static bool NameStartsWith(this INamespaceSymbol? ns, string prefix) =>
        ns is { IsGlobalNamespace: false } && MatchPrefix(ns, prefix) == prefix.Length;

    // How much of prefix the dotted name of ns covers (all of it once it is matched, less when the name is shorter), or -1 when they differ.
    private static int MatchPrefix(INamespaceSymbol ns, string prefix)
    {
        var at = 0;
        if (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            at = MatchPrefix(parent, prefix);
            if (at < 0 || at == prefix.Length)
            {
                return at;
            }

            if (prefix[at] != '.')
            {
                return -1;
            }

            at++;
        }

        var length = System.Math.Min(ns.Name.Length, prefix.Length - at);
        return string.CompareOrdinal(prefix, at, ns.Name, 0, length) == 0 ? at + length : -1;
    }

    // The types C# writes as a keyword (string, object, int..., and nint/nuint where IntPtr is numeric): never a dotted name here.
    private static bool HasKeyword(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Object or SpecialType.System_Void or (>= SpecialType.System_Boolean and <= SpecialType.System_UIntPtr);

    /// <summary>The method (or constructor) a call or object creation invokes, with its arguments; null for any other operation.</summary>
    public static (IMethodSymbol? Method, ImmutableArray<IArgumentOperation> Arguments) CallTarget(IOperation operation) => operation switch
    {
        IInvocationOperation i => (i.TargetMethod, i.Arguments),
        IObjectCreationOperation { Constructor: { } ctor } o => (ctor, o.Arguments),
        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
    };
}
