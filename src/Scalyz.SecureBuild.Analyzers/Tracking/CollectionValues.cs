using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Tracking;

/// <summary>
/// The elements of a collection written in the code: an array creation or initializer (<c>new byte[] { 1, 2 }</c>,
/// <c>{ 1, 2 }</c>) and, in the Roslyn 4.14 build, a C# 12 collection expression (<c>[1, 2, ..rest]</c>), which the
/// Roslyn 4.5 build cannot see (its compiler gives such code no operation at all).
/// </summary>
internal static class CollectionValues
{
    /// <summary>The element operations (spreads included as such), or default when <paramref name="operation"/> is no collection literal.</summary>
    public static ImmutableArray<IOperation> Elements(IOperation operation) => operation switch
    {
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        IArrayInitializerOperation initializer => initializer.ElementValues,
#if ROSLYN_4_8_OR_GREATER
        ICollectionExpressionOperation collection => collection.Elements,
#endif
        _ => default,
    };

    /// <summary>The operand of a spread element (<c>..rest</c>), or null for an ordinary element.</summary>
    public static IOperation? SpreadOperand(IOperation element) =>
#if ROSLYN_4_8_OR_GREATER
        element is ISpreadOperation spread ? spread.Operand : null;
#else
        null;
#endif

    /// <summary>
    /// The values an argument stands for: each element (spreads opened) when it is a collection literal, such as the
    /// array the compiler builds for <c>params</c> or a collection expression written as the argument; else the value itself.
    /// </summary>
    public static IEnumerable<IOperation> ArgumentValues(IArgumentOperation argument) => Flatten(argument.Value);

    /// <summary>The elements of a collection literal with spreads of literals opened, or the value itself when it is none.</summary>
    public static IEnumerable<IOperation> Flatten(IOperation value)
    {
        var elements = Elements(value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value);
        return elements.IsDefault
            ? new[] { value }
            : elements.SelectMany(e => SpreadOperand(e) is { } operand ? Flatten(operand) : new[] { e });
    }
}
