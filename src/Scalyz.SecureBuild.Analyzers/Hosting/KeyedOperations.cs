using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Hosting;

/// <summary>
/// Keyed operation actions: a rule declares that its operation action can only report for operations whose key type (see
/// <see cref="OperationKeys.Of"/>) passes a test it gives, and is then called only for those. Through the host the key is
/// computed once per operation for every rule and the test's answer is kept per type (Hosting/RuleDispatcher.cs); a rule
/// running alone (its tests, the driver) gets an ordinary operation action wrapped in the same test, so alone and hosted
/// call the rule for the same operations. A rule may key an action only where its code provably never reports for an
/// operation whose key type fails the test: the test is a filter in front of the rule's own checks, not one of them.
/// </summary>
internal static class KeyedOperations
{
    /// <summary>
    /// Registers an action for the operations of some kinds whose key type passes a test. The test is a pure function of the
    /// key type's original definition (no nullability, no type arguments): compare it with symbols (<c>Is</c>,
    /// <c>IsOrDerivesFrom</c>), its name or namespace; through the host it is asked once per type and compilation.
    /// </summary>
    public static void RegisterOperationActionForTypes(this CompilationStartAnalysisContext start, Func<INamedTypeSymbol, bool> isKey, Action<OperationAnalysisContext> action, params OperationKind[] kinds) =>
        Register(new KeyedOperationAction(action, isKey, Validate(kinds)), (start as RecordingStartContext)?.Actions, start is RecordingStartContext { IgnoreKeys: true }, (a, k) => start.RegisterOperationAction(a, k));

    /// <summary>The same from a rule's Initialize, for a rule that resolves nothing at compilation start.</summary>
    public static void RegisterOperationActionForTypes(this AnalysisContext context, Func<INamedTypeSymbol, bool> isKey, Action<OperationAnalysisContext> action, params OperationKind[] kinds) =>
        Register(new KeyedOperationAction(action, isKey, Validate(kinds)), (context as RecordingAnalysisContext)?.Registrations.Actions, context is RecordingAnalysisContext { IgnoreKeys: true }, (a, k) => context.RegisterOperationAction(a, k));

    /// <summary>
    /// Through the host's recorder: a keyed action (or, for the equivalence test's unkeyed host, the plain action); with any
    /// other context (a rule alone under the driver): an ordinary operation action behind the same test.
    /// </summary>
    private static void Register(KeyedOperationAction keyed, RuleActions? recorded, bool ignoreKeys, Action<Action<OperationAnalysisContext>, ImmutableArray<OperationKind>> register)
    {
        if (recorded is null)
        {
            register(keyed.Filtered, keyed.Kinds);
        }
        else if (ignoreKeys)
        {
            recorded.Operations.Add((keyed.Action, keyed.Kinds));
        }
        else
        {
            recorded.KeyedOperations.Add(keyed);
        }
    }

    /// <summary>A test that passes exactly the given types (the nulls, types absent from the compilation, are ignored).</summary>
    public static Func<INamedTypeSymbol, bool> Exactly(params INamedTypeSymbol?[] types)
    {
        var set = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in types)
        {
            if (type is not null)
            {
                set.Add((INamedTypeSymbol)type.OriginalDefinition);
            }
        }

        return set.Contains;
    }

    private static ImmutableArray<OperationKind> Validate(OperationKind[] kinds)
    {
        if (kinds is null || kinds.Length == 0)
        {
            throw new ArgumentException("A keyed operation action needs at least one operation kind.", nameof(kinds));
        }

        foreach (var kind in kinds)
        {
            if (!OperationKeys.HasKey(kind))
            {
                throw new ArgumentException($"Operations of kind {kind} have no key type; register an ordinary operation action for them.", nameof(kinds));
            }
        }

        return ImmutableArray.Create(kinds);
    }
}

/// <summary>One keyed operation action as a rule registered it.</summary>
internal sealed class KeyedOperationAction(Action<OperationAnalysisContext> action, Func<INamedTypeSymbol, bool> isKey, ImmutableArray<OperationKind> kinds)
{
    public Action<OperationAnalysisContext> Action { get; } = action;

    public Func<INamedTypeSymbol, bool> IsKey { get; } = isKey;

    public ImmutableArray<OperationKind> Kinds { get; } = kinds;

    /// <summary>Whether the action is for this operation: its key type passes the test, or the operation has no single key.</summary>
    public bool IsFor(IOperation operation)
    {
        var key = OperationKeys.Of(operation, out var ambiguous);
        return ambiguous || (key is not null && Passes(key));
    }

    /// <summary>The rule's test; one that throws passes (fails open): the rule is called and its own checks decide.</summary>
    public bool Passes(INamedTypeSymbol key)
    {
        try
        {
            return IsKey(key);
        }
        catch (Exception)
        {
            return true;
        }
    }

    /// <summary>What a rule running alone registers with the driver: the action behind the same test the host applies.</summary>
    public void Filtered(OperationAnalysisContext context)
    {
        if (IsFor(context.Operation))
        {
            Action(context);
        }
    }
}

/// <summary>
/// The key type of an operation: the one type a keyed rule's test is asked about, computed the same way for every rule,
/// always the original definition. Null when the operation has none (then no keyed action runs for it); "ambiguous" when
/// it has two candidates a rule could read (then every keyed action of its kind runs, as if unkeyed).
/// </summary>
internal static class OperationKeys
{
    /// <summary>The kinds that have a key type.</summary>
    public static bool HasKey(OperationKind kind) => kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment
        or OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.EventReference or OperationKind.MethodReference
        or OperationKind.Conversion or OperationKind.Argument;

    /// <summary>
    /// Invocation: the target method's containing type. Object creation: the created type (ambiguous when the constructor
    /// belongs to another type, as for a COM interface created through its coclass). Simple assignment: the containing type
    /// of the field, property or event assigned (none for a local, a parameter, an array element...). Field, property,
    /// event and method references: the member's containing type. Conversion: the type converted to. Argument: the type of
    /// the parameter it binds to.
    /// </summary>
    public static INamedTypeSymbol? Of(IOperation operation, out bool ambiguous)
    {
        ambiguous = false;
        ITypeSymbol? type;

        // By kind first (one virtual call), then one cast: cheaper than testing the operation against each interface.
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                type = ((IInvocationOperation)operation).TargetMethod.ContainingType;
                break;
            case OperationKind.ObjectCreation:
                var creation = (IObjectCreationOperation)operation;
                type = creation.Type;
                if (creation.Constructor?.ContainingType is { } owner && !ReferenceEquals(owner, type) && !SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, type?.OriginalDefinition))
                {
                    ambiguous = true;
                    return null;
                }

                break;
            case OperationKind.SimpleAssignment:
                type = (((ISimpleAssignmentOperation)operation).Target as IMemberReferenceOperation)?.Member.ContainingType;
                break;
            case OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.EventReference or OperationKind.MethodReference:
                type = ((IMemberReferenceOperation)operation).Member.ContainingType;
                break;
            case OperationKind.Conversion:
                type = ((IConversionOperation)operation).Type;
                break;
            case OperationKind.Argument:
                type = ((IArgumentOperation)operation).Parameter?.Type;
                break;
            default:
                return null;
        }

        return type?.OriginalDefinition as INamedTypeSymbol;
    }
}

/// <summary>
/// The keyed operation actions of every started rule, by operation kind, and per key type the ones whose test it passes
/// (asked once per type, kept for the compilation). Per operation: one key, one dictionary look-up, no allocation.
/// </summary>
internal sealed class KeyedActionTable
{
    private readonly List<(int Kind, KeyedOperationAction Action, int Rule, bool AnalyzesGeneratedCode)> added = [];
    private KindTable?[] kinds = [];

    public void Add(KeyedOperationAction action, int rule, bool analyzesGeneratedCode)
    {
        foreach (var kind in action.Kinds)
        {
            added.Add(((int)kind, action, rule, analyzesGeneratedCode));
        }
    }

    /// <summary>Builds the tables; false when no rule registered a keyed action.</summary>
    public bool Freeze()
    {
        if (added.Count == 0)
        {
            return false;
        }

        var size = 0;
        foreach (var entry in added)
        {
            size = Math.Max(size, entry.Kind + 1);
        }

        kinds = new KindTable?[size];
        for (var kind = 0; kind < size; kind++)
        {
            var entries = added.FindAll(a => a.Kind == kind);
            if (entries.Count > 0)
            {
                kinds[kind] = new KindTable([.. entries.ConvertAll(e => (e.Action, e.Rule, e.AnalyzesGeneratedCode))]);
            }
        }

        return true;
    }

    public IEnumerable<int> Kinds()
    {
        for (var kind = 0; kind < kinds.Length; kind++)
        {
            if (kinds[kind] is not null)
            {
                yield return kind;
            }
        }
    }

    /// <summary>The keyed actions to run for this operation, in rule order; null when none is for it.</summary>
    public RuleEntry<OperationAnalysisContext>[]? For(IOperation operation, bool isGeneratedCode)
    {
        var kind = (int)operation.Kind;
        if ((uint)kind >= (uint)kinds.Length || kinds[kind] is not { } table)
        {
            return null;
        }

        var key = OperationKeys.Of(operation, out var ambiguous);
        var matched = ambiguous ? table.Everything : key is null ? null : table.ByType.GetOrAdd(key, table.Match);
        return matched is null ? null : isGeneratedCode ? matched.Generated : matched.All;
    }

    /// <summary>The actions of some rules for one key type: all of them, and those of the rules that analyze generated code.</summary>
    private sealed class Matched(RuleEntry<OperationAnalysisContext>[]? all, RuleEntry<OperationAnalysisContext>[]? generated)
    {
        public RuleEntry<OperationAnalysisContext>[]? All { get; } = all;

        public RuleEntry<OperationAnalysisContext>[]? Generated { get; } = generated;
    }

    private sealed class ReferenceComparer : IEqualityComparer<INamedTypeSymbol>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(INamedTypeSymbol? x, INamedTypeSymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(INamedTypeSymbol obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class KindTable
    {
        private readonly (KeyedOperationAction Action, int Rule, bool AnalyzesGeneratedCode)[] entries;

        public KindTable((KeyedOperationAction Action, int Rule, bool AnalyzesGeneratedCode)[] entries)
        {
            this.entries = entries;
            Match = MatchType;
            Everything = Select(_ => true);
        }

        // By reference: the compiler hands out one symbol object per original definition, so a reference look-up (a cheap
        // hash) finds it; were it ever handed two objects for one type, the pure test would just be asked twice.
        public ConcurrentDictionary<INamedTypeSymbol, Matched> ByType { get; } = new(ReferenceComparer.Instance);

        /// <summary>Cached, so that a look-up allocates no delegate.</summary>
        public Func<INamedTypeSymbol, Matched> Match { get; }

        public Matched Everything { get; }

        private Matched MatchType(INamedTypeSymbol key) => Select(action => action.Passes(key));

        private Matched Select(Func<KeyedOperationAction, bool> include)
        {
            var all = new List<RuleEntry<OperationAnalysisContext>>();
            var generated = new List<RuleEntry<OperationAnalysisContext>>();
            foreach (var (action, rule, analyzesGeneratedCode) in entries)
            {
                if (include(action))
                {
                    all.Add(new RuleEntry<OperationAnalysisContext>(action.Action, rule));
                    if (analyzesGeneratedCode)
                    {
                        generated.Add(new RuleEntry<OperationAnalysisContext>(action.Action, rule));
                    }
                }
            }

            return new Matched(all.Count == 0 ? null : [.. all], generated.Count == 0 ? null : [.. generated]);
        }
    }
}
