using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Hosting;

namespace Scalyz.SecureBuild.Benchmarks.Cost;

/// <summary>
/// --profile: each rule's callbacks timed in this thread's CPU time, apart from the driver. One analysis run collects every
/// operation, syntax node, tree and symbol the driver hands out (the operation trees are then built and cached); each rule
/// is initialized and started on that compilation with recording contexts, and its callbacks are called on what was
/// collected, one rule after the other on one thread, <c>runs</c> times (the median is kept). A busy machine slows the
/// wall clock of a callback by what other processes take; the thread's CPU time does not move with them. What a rule
/// pays to build a part of an operation tree first is not in it: the collecting run built the trees. A keyed operation
/// action (Hosting/KeyedOperations.cs) is called only for the operations the host would call it for; what the host pays
/// to find them (one key and one look-up per operation, for every rule at once) is timed apart as the keyed dispatch.
/// </summary>
internal static class Profile
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    public static async Task<(List<(FamilyAnalyzer Rule, TimeSpan Cpu, TimeSpan TreeCpu, int Calls)> Rules, TimeSpan KeyedDispatch, int KeyedOperations)> RulesAsync(Codebase codebase, ImmutableArray<FamilyAnalyzer> rules, int runs)
    {
        var compilation = codebase.Create(codebase.Parse());
        var options = new AnalyzerOptions([]);
        var started = rules.Select(r => Start(r.Analyzer, compilation, options)).ToList();
        var collector = new Collector([.. started.SelectMany(s => s.Actions).SelectMany(a => a.SyntaxNodes).SelectMany(n => n.Kinds).Distinct().Select(k => (Microsoft.CodeAnalysis.CSharp.SyntaxKind)k)]);
        await compilation.WithAnalyzers([collector], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false)).GetAnalyzerDiagnosticsAsync();
        var results = new List<(FamilyAnalyzer, TimeSpan, TimeSpan, int)>();

        // The host's keyed dispatch over every rule that keyed an action (the rules of this build only: a compared build's
        // keyed rules, if any, are filtered alone), and what each keyed action is called for, found before any timing.
        var keyed = new KeyedActionTable();
        for (var i = 0; i < rules.Length; i++)
        {
            foreach (var actions in started[i].Actions)
            {
                foreach (var action in actions.KeyedOperations)
                {
                    keyed.Add(action, i, analyzesGeneratedCode: false);
                    foreach (var kind in action.Kinds)
                    {
                        started[i].Matched[(action, kind)] = collector.Operations.TryGetValue(kind, out var all) ? all.FindAll(o => action.IsFor(o.Item1)) : [];
                    }
                }
            }
        }

        List<IOperation> keyedOperations = keyed.Freeze()
            ? [.. keyed.Kinds().SelectMany(k => collector.Operations.TryGetValue((OperationKind)k, out var all) ? all.Select(o => o.Item1) : [])]
            : [];
        var dispatchSamples = new List<TimeSpan>();
        DispatchKeys(keyed, keyedOperations);

        // One pass of everything first: the JIT, the rules' lazy tables and what is left to build of the operation trees.
        foreach (var actions in started)
        {
            Run(actions, collector, compilation, options);
        }

        // Round after round over every rule, so that a change in the machine's load spreads over all of them (and over both
        // builds when a compared build's rules are in the list).
        var samples = rules.Select(_ => new List<TimeSpan>()).ToList();
        var treeSamples = rules.Select(_ => new List<TimeSpan>()).ToList();
        var calls = new int[rules.Length];
        for (var run = 0; run < runs; run++)
        {
            var dispatchFrom = ThreadCpu();
            DispatchKeys(keyed, keyedOperations);
            dispatchSamples.Add(ThreadCpu() - dispatchFrom);
            for (var i = 0; i < rules.Length; i++)
            {
                started[i].TreeTime = TimeSpan.Zero;
                var before = ThreadCpu();
                calls[i] = Run(started[i], collector, compilation, options);
                samples[i].Add(ThreadCpu() - before);
                treeSamples[i].Add(started[i].TreeTime);
            }
        }

        for (var i = 0; i < rules.Length; i++)
        {
            results.Add((rules[i], samples[i].Order().ElementAt(runs / 2), treeSamples[i].Order().ElementAt(runs / 2), calls[i]));
        }

        return (results, dispatchSamples.Order().ElementAt(runs / 2), keyedOperations.Count);
    }

    // What the host's dispatcher does per operation of a keyed kind before it calls any rule: the operation's key, the rules for it.
    private static void DispatchKeys(KeyedActionTable keyed, List<IOperation> operations)
    {
        foreach (var operation in operations)
        {
            keyed.For(operation, isGeneratedCode: false);
        }
    }

    /// <summary>
    /// What starting every rule costs per compilation (an IDE forks one per edit): each rule initialized and its
    /// compilation-start actions run on a compilation forked by one edit, the median thread CPU time of <paramref name="runs"/>;
    /// then the same through the rule host (its Initialize and start, which starts every rule and builds its dispatch tables).
    /// </summary>
    public static (TimeSpan Rules, TimeSpan Host) StartCost(Codebase codebase, ImmutableArray<FamilyAnalyzer> rules, DiagnosticAnalyzer host, int runs)
    {
        var trees = codebase.Parse();
        var compilation = codebase.Create(trees);
        compilation.GetDiagnostics();
        var target = trees.MaxBy(t => t.Length)!;
        var options = new AnalyzerOptions([]);
        var samples = new List<TimeSpan>();
        var perRule = new TimeSpan[rules.Length];
        var hostSamples = new List<TimeSpan>();
        for (var run = -1; run < runs; run++)
        {
            var edited = target.WithChangedText(target.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), $"// edit {run}\n")));
            var fork = compilation.ReplaceSyntaxTree(target, edited);
            var before = ThreadCpu();
            for (var i = 0; i < rules.Length; i++)
            {
                var ruleFrom = ThreadCpu();
                Start(rules[i].Analyzer, fork, options);
                perRule[i] += ThreadCpu() - ruleFrom;
            }

            // A fork of its own: the compilation caches the types the rules looked up.
            var hostFork = compilation.ReplaceSyntaxTree(target, edited.WithChangedText(edited.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), " "))));
            var hostFrom = ThreadCpu();
            Start(host, hostFork, options);
            if (run >= 0)
            {
                samples.Add(hostFrom - before);
                hostSamples.Add(ThreadCpu() - hostFrom);
            }
        }

        Console.WriteLine("Costliest starts (mean ms): " + string.Join(", ", perRule.Select((t, i) => (t, i)).OrderByDescending(p => p.t).Take(8).Select(p => $"{rules[p.i].Analyzer.GetType().Name} {p.t.TotalMilliseconds / (runs + 1):N2}")));
        return (samples.Order().ElementAt(samples.Count / 2), hostSamples.Order().ElementAt(hostSamples.Count / 2));
    }

#pragma warning disable CS0618 // the public context constructors: the only way to call a rule's callback outside the driver
    private static int Run(Recorded recorded, Collector collected, Compilation compilation, AnalyzerOptions options)
    {
        var calls = 0;
        foreach (var actions in recorded.Actions)
        {
            if (actions.SemanticModels.Count + actions.CodeBlocks.Count + actions.OperationBlocks.Count > 0)
            {
                throw new NotSupportedException("--profile does not call semantic-model, code-block or operation-block actions yet; a rule registered one.");
            }

            var treeTime = TimeSpan.Zero;
            calls += Run(actions, collected, compilation, options, recorded.Matched, ref treeTime);
            recorded.TreeTime += treeTime;
        }

        return calls;
    }

    private static int Run(RuleActions actions, Collector collected, Compilation compilation, AnalyzerOptions options, Dictionary<(KeyedOperationAction, OperationKind), List<(IOperation, ISymbol)>> matched, ref TimeSpan treeTime)
    {
        static void Ignore(Diagnostic d)
        {
        }

        static bool Supported(Diagnostic d) => true;

        var calls = 0;
        foreach (var (action, kinds) in actions.Operations)
        {
            foreach (var kind in kinds)
            {
                if (collected.Operations.TryGetValue(kind, out var operations))
                {
                    foreach (var (operation, symbol) in operations)
                    {
                        action(new OperationAnalysisContext(operation, symbol, compilation, options, Ignore, Supported, CancellationToken.None));
                        calls++;
                    }
                }
            }
        }

        foreach (var keyed in actions.KeyedOperations)
        {
            foreach (var kind in keyed.Kinds)
            {
                foreach (var (operation, symbol) in matched[(keyed, kind)])
                {
                    keyed.Action(new OperationAnalysisContext(operation, symbol, compilation, options, Ignore, Supported, CancellationToken.None));
                    calls++;
                }
            }
        }

        foreach (var (action, kinds) in actions.SyntaxNodes)
        {
            foreach (var kind in kinds)
            {
                if (collected.Nodes.TryGetValue(kind, out var nodes))
                {
                    foreach (var (node, symbol, model) in nodes)
                    {
                        action(new SyntaxNodeAnalysisContext(node, symbol, model, options, Ignore, Supported, CancellationToken.None));
                        calls++;
                    }
                }
            }
        }

        foreach (var (action, kinds) in actions.Symbols)
        {
            foreach (var kind in kinds)
            {
                if (collected.Symbols.TryGetValue(kind, out var symbols))
                {
                    foreach (var symbol in symbols)
                    {
                        action(new SymbolAnalysisContext(symbol, compilation, options, Ignore, Supported, CancellationToken.None));
                        calls++;
                    }
                }
            }
        }

        var treesFrom = ThreadCpu();
        foreach (var action in actions.SyntaxTrees)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                action(new SyntaxTreeAnalysisContext(tree, options, Ignore, Supported, CancellationToken.None));
                calls++;
            }
        }

        treeTime += ThreadCpu() - treesFrom;
        foreach (var action in actions.CompilationEnds)
        {
            action(new CompilationAnalysisContext(compilation, options, Ignore, Supported, CancellationToken.None));
            calls++;
        }

        return calls;
    }

    // What a rule registers, recorded by the host's own contexts: its Initialize, then its compilation-start actions on
    // this compilation.
    private static Recorded Start(DiagnosticAnalyzer rule, Compilation compilation, AnalyzerOptions options)
    {
        var registrations = new RuleRegistrations();
        rule.Initialize(new RecordingAnalysisContext(registrations));
        var started = new RuleActions();
        var context = new RecordingStartContext(compilation, options, started, CancellationToken.None);
        foreach (var start in registrations.StartActions)
        {
            start(context);
        }

        return new Recorded([registrations.Actions, started]);
    }
#pragma warning restore CS0618

    private static TimeSpan ThreadCpu()
    {
        if (clock_gettime(ClockThreadCpuTime, out var now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: --profile needs Linux.");
        }

        return TimeSpan.FromTicks((now.Seconds * TimeSpan.TicksPerSecond) + (now.Nanoseconds / 100));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class Recorded(RuleActions[] actions)
    {
        public RuleActions[] Actions { get; } = actions;

        public TimeSpan TreeTime { get; set; }

        public Dictionary<(KeyedOperationAction, OperationKind), List<(IOperation, ISymbol)>> Matched { get; } = [];
    }

    /// <summary>Everything the driver hands an analyzer that registers every operation kind, the syntax kinds the rules use, and every symbol kind.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Collector(ImmutableArray<Microsoft.CodeAnalysis.CSharp.SyntaxKind> syntaxKinds) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("BENCH0003", "Collect", "Collect", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public ConcurrentDictionary<OperationKind, List<(IOperation, ISymbol)>> Operations { get; } = new();

        public ConcurrentDictionary<int, List<(SyntaxNode, ISymbol, SemanticModel)>> Nodes { get; } = new();

        public ConcurrentDictionary<SymbolKind, List<ISymbol>> Symbols { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(c => Operations.GetOrAdd(c.Operation.Kind, _ => []).Add((c.Operation, c.ContainingSymbol)), Enum.GetValues<OperationKind>().Where(k => k != OperationKind.None).Distinct().ToImmutableArray());
            if (!syntaxKinds.IsEmpty)
            {
                context.RegisterSyntaxNodeAction(
                    c => Nodes.GetOrAdd(c.Node.RawKind, _ => []).Add((c.Node, c.ContainingSymbol!, c.SemanticModel)),
                    syntaxKinds);
            }

            context.RegisterSymbolAction(c => Symbols.GetOrAdd(c.Symbol.Kind, _ => []).Add(c.Symbol), SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);
        }
    }
}
