using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Analyzers.Hosting;

/// <summary>
/// The actions of every started rule for one compilation, and the ONE driver action per action kind that runs them. Per
/// operation, node or symbol the dispatch is an array index by kind and a loop over the rules that asked for that kind: no
/// dictionary, no LINQ, no allocation. Generated code: each table is kept twice, with every rule and with only the rules
/// that analyze generated code, and the driver's own verdict (the context's IsGeneratedCode) picks one. A rule that throws
/// does not stop the others on the same node: the first failure is rethrown once they all ran, and the driver reports it
/// as AD0001 for the host, with the rule and its IDs in the message (Roslyn has no public way to report an exception on
/// behalf of another analyzer, and a warning of our own would hide it from the analyzer-exception tooling).
/// </summary>
internal sealed class RuleDispatcher(ImmutableArray<DiagnosticAnalyzer> rules, GeneratedCodeFilter? generatedCode)
{
    private readonly ActionTable<OperationAnalysisContext> operations = new();
    private readonly KeyedActionTable keyedOperations = new();
    private readonly ActionTable<SyntaxNodeAnalysisContext> syntaxNodes = new();
    private readonly ActionTable<SymbolAnalysisContext> symbols = new();
    private readonly ActionTable<SyntaxTreeAnalysisContext> syntaxTrees = new();
    private readonly ActionTable<SemanticModelAnalysisContext> semanticModels = new();
    private readonly ActionTable<CodeBlockAnalysisContext> codeBlocks = new();
    private readonly ActionTable<OperationBlockAnalysisContext> operationBlocks = new();
    private readonly ActionTable<CompilationAnalysisContext> compilationEnds = new();
    private readonly ActionTable<AdditionalFileAnalysisContext> additionalFiles = new();

    public static bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Adds a rule's actions. The generated-code filter (given when the host analyzes generated code for other rules)
    /// hides from a rule that skips generated code what it reports there from a tree, semantic model, symbol or the whole
    /// compilation, as the driver would if the rule ran alone. Code-block and operation-block actions are not filtered (no
    /// rule registers them; their public contexts cannot be rebuilt with a control-flow graph).
    /// </summary>
    public void Add(int rule, RuleActions actions, bool analyzesGeneratedCode)
    {
        var filter = analyzesGeneratedCode ? null : generatedCode;

        // CS0618: Roslyn 4.14 marks these context constructors obsolete (they cannot carry the driver's internal state, e.g.
        // IsGeneratedCode); they are still the only public way to hand a rule a context whose ReportDiagnostic is filtered,
        // and a filtered rule is only called for code the driver marked non-generated, so the false IsGeneratedCode holds.
#pragma warning disable CS0618
        foreach (var (action, kinds) in actions.Operations)
        {
            foreach (var kind in kinds)
            {
                operations.Add((int)kind, action, rule, analyzesGeneratedCode);
            }
        }

        foreach (var keyed in actions.KeyedOperations)
        {
            keyedOperations.Add(keyed, rule, analyzesGeneratedCode);
        }

        foreach (var (action, kinds) in actions.SyntaxNodes)
        {
            foreach (var kind in kinds)
            {
                syntaxNodes.Add(kind, action, rule, analyzesGeneratedCode);
            }
        }

        foreach (var (action, kinds) in actions.Symbols)
        {
            var filtered = filter is null ? action : c => action(new SymbolAnalysisContext(c.Symbol, c.Compilation, c.Options, filter.Filter(c.ReportDiagnostic, c.CancellationToken), Supported, c.CancellationToken));
            foreach (var kind in kinds)
            {
                symbols.Add((int)kind, filtered, rule, analyzesGeneratedCode);
            }
        }

        foreach (var action in actions.SyntaxTrees)
        {
            syntaxTrees.Add(0, filter is null ? action : c => action(new SyntaxTreeAnalysisContext(c.Tree, c.Options, filter.Filter(c.ReportDiagnostic, c.CancellationToken), Supported, c.CancellationToken)), rule, analyzesGeneratedCode);
        }

        foreach (var action in actions.SemanticModels)
        {
            semanticModels.Add(0, filter is null ? action : c => action(new SemanticModelAnalysisContext(c.SemanticModel, c.Options, filter.Filter(c.ReportDiagnostic, c.CancellationToken), Supported, c.CancellationToken)), rule, analyzesGeneratedCode);
        }

        foreach (var action in actions.CompilationEnds)
        {
            compilationEnds.Add(0, filter is null ? action : c => action(new CompilationAnalysisContext(c.Compilation, c.Options, filter.Filter(c.ReportDiagnostic, c.CancellationToken), Supported, c.CancellationToken)), rule, analyzesGeneratedCode);
        }

#pragma warning restore CS0618
        codeBlocks.AddAll(actions.CodeBlocks, rule, analyzesGeneratedCode);
        operationBlocks.AddAll(actions.OperationBlocks, rule, analyzesGeneratedCode);
        additionalFiles.AddAll(actions.AdditionalFiles, rule, analyzesGeneratedCode);
    }

    // The rebuilt context checks nothing itself: the real context's ReportDiagnostic, which the filter calls, checks the
    // diagnostic against the host's supported diagnostics as the driver always does.
    private static bool Supported(Diagnostic diagnostic) => true;

    /// <summary>Registers one driver action per kind of action some started rule asked for; none when no rule did.</summary>
    public void Register(CompilationStartAnalysisContext start)
    {
        var unkeyed = operations.Freeze();
        if (keyedOperations.Freeze())
        {
            // Keyed actions: the operation's key type is computed once for every rule, and only the rules whose test it
            // passed are called, merged in rule order with the unkeyed ones.
            var kinds = operations.Kinds<OperationKind>().Union(keyedOperations.Kinds().Select(k => (OperationKind)k)).OrderBy(k => k).ToImmutableArray();
            start.RegisterOperationAction(c => Run(operations.For((int)c.Operation.Kind, c.IsGeneratedCode), keyedOperations.For(c.Operation, c.IsGeneratedCode), c, c.CancellationToken), kinds);
        }
        else if (unkeyed)
        {
            start.RegisterOperationAction(c => Run(operations.For((int)c.Operation.Kind, c.IsGeneratedCode), c, c.CancellationToken), operations.Kinds<OperationKind>());
        }

        if (syntaxNodes.Freeze())
        {
            start.RegisterSyntaxNodeAction(c => Run(syntaxNodes.For(c.Node.RawKind, c.IsGeneratedCode), c, c.CancellationToken), syntaxNodes.Kinds<SyntaxKind>());
        }

        if (symbols.Freeze())
        {
            start.RegisterSymbolAction(c => Run(symbols.For((int)c.Symbol.Kind, c.IsGeneratedCode), c, c.CancellationToken), symbols.Kinds<SymbolKind>());
        }

        if (syntaxTrees.Freeze())
        {
            start.RegisterSyntaxTreeAction(c => Run(syntaxTrees.For(0, c.IsGeneratedCode), c, c.CancellationToken));
        }

        if (semanticModels.Freeze())
        {
            start.RegisterSemanticModelAction(c => Run(semanticModels.For(0, c.IsGeneratedCode), c, c.CancellationToken));
        }

        if (codeBlocks.Freeze())
        {
            start.RegisterCodeBlockAction(c => Run(codeBlocks.For(0, c.IsGeneratedCode), c, c.CancellationToken));
        }

        if (operationBlocks.Freeze())
        {
            start.RegisterOperationBlockAction(c => Run(operationBlocks.For(0, c.IsGeneratedCode), c, c.CancellationToken));
        }

        // The whole compilation and additional files are not source code: the driver runs them for every analyzer.
        if (compilationEnds.Freeze())
        {
            start.RegisterCompilationEndAction(c => Run(compilationEnds.For(0, isGeneratedCode: false), c, c.CancellationToken));
        }

        if (additionalFiles.Freeze())
        {
            start.RegisterAdditionalFileAction(c => Run(additionalFiles.For(0, isGeneratedCode: false), c, c.CancellationToken));
        }
    }

    private void Run<TContext>(RuleEntry<TContext>[]? entries, TContext context, CancellationToken cancellationToken) =>
        Run(entries, null, context, cancellationToken);

    /// <summary>Runs two lists of rule actions, each in rule order, merged in rule order (one list may be null).</summary>
    private void Run<TContext>(RuleEntry<TContext>[]? first, RuleEntry<TContext>[]? second, TContext context, CancellationToken cancellationToken)
    {
        if (first is null && second is null)
        {
            return;
        }

        RuleFailure? failure = null;
        var firstLength = first?.Length ?? 0;
        var secondLength = second?.Length ?? 0;
        for (int i = 0, j = 0; i < firstLength || j < secondLength;)
        {
            var entry = j >= secondLength || (i < firstLength && first![i].Rule <= second![j].Rule) ? first![i++] : second![j++];
            try
            {
                entry.Action(context);
            }
            catch (Exception e) when (IsFailure(e, cancellationToken))
            {
                failure ??= new RuleFailure(rules[entry.Rule], e);
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}

/// <summary>One rule's action in a dispatch table.</summary>
internal readonly struct RuleEntry<TContext>(Action<TContext> action, int rule)
{
    public Action<TContext> Action { get; } = action;

    public int Rule { get; } = rule;
}

/// <summary>The actions of one kind (operation, syntax node, symbol; 0 for kinds without sub-kinds), indexed by sub-kind.</summary>
internal sealed class ActionTable<TContext>
{
    private readonly List<(int Kind, RuleEntry<TContext> Entry, bool AnalyzesGeneratedCode)> added = [];
    private RuleEntry<TContext>[]?[] all = [];
    private RuleEntry<TContext>[]?[] generated = [];

    public void Add(int kind, Action<TContext> action, int rule, bool analyzesGeneratedCode)
    {
        if (kind < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "An action kind is a non-negative enum value.");
        }

        added.Add((kind, new RuleEntry<TContext>(action, rule), analyzesGeneratedCode));
    }

    public void AddAll(List<Action<TContext>> actions, int rule, bool analyzesGeneratedCode)
    {
        foreach (var action in actions)
        {
            Add(0, action, rule, analyzesGeneratedCode);
        }
    }

    /// <summary>Builds the arrays; false when no rule registered an action of this kind.</summary>
    public bool Freeze()
    {
        if (added.Count == 0)
        {
            return false;
        }

        var size = added.Max(a => a.Kind) + 1;
        all = new RuleEntry<TContext>[]?[size];
        generated = new RuleEntry<TContext>[]?[size];
        foreach (var group in added.GroupBy(a => a.Kind))
        {
            all[group.Key] = [.. group.Select(a => a.Entry)];
            var inGenerated = group.Where(a => a.AnalyzesGeneratedCode).Select(a => a.Entry).ToArray();
            generated[group.Key] = inGenerated.Length == 0 ? null : inGenerated;
        }

        return true;
    }

    public ImmutableArray<TKind> Kinds<TKind>()
        where TKind : struct, Enum =>
        added.Select(a => a.Kind).Distinct().OrderBy(k => k).Select(k => (TKind)Enum.ToObject(typeof(TKind), k)).ToImmutableArray();

    public RuleEntry<TContext>[]? For(int kind, bool isGeneratedCode)
    {
        var table = isGeneratedCode ? generated : all;
        return (uint)kind < (uint)table.Length ? table[kind] : null;
    }
}

/// <summary>A rule of the host threw; the driver reports it (AD0001) against the host with this message.</summary>
internal sealed class RuleFailure(DiagnosticAnalyzer rule, Exception inner)
    : Exception($"Scalyz.SecureBuild rule {rule.GetType().Name} ({string.Join(", ", rule.SupportedDiagnostics.Select(d => d.Id).Distinct())}) threw {inner.GetType().FullName}: {inner.Message}", inner);
