using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Benchmarks.Cost;

/// <summary>One measurement: wall clock, the process's CPU time over it (less sensitive to a busy machine), bytes allocated.</summary>
internal sealed record Sample(TimeSpan Wall, TimeSpan Cpu, long Allocated, int Diagnostics);

internal sealed record ConfigResult(Config Config, List<Sample> Samples)
{
    public TimeSpan Wall => Median(Samples.Select(s => s.Wall.Ticks));

    public TimeSpan Cpu => Median(Samples.Select(s => s.Cpu.Ticks));

    public long Allocated => Samples.Select(s => s.Allocated).Order().ElementAt(Samples.Count / 2);

    public int Diagnostics => Samples[^1].Diagnostics;

    private static TimeSpan Median(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToList();
        return TimeSpan.FromTicks(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2);
    }
}

internal sealed record CallbackTime(FamilyAnalyzer Analyzer, TimeSpan Time, AnalyzerTelemetryInfo Info, TimeSpan Floor);

internal sealed record IdeResult(string File, int Lines, List<ConfigResult> Results);

internal static class Measure
{
    private static CompilationWithAnalyzersOptions AnalyzerOptions(bool logTime) =>
        new(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: logTime);

    /// <summary>
    /// Each configuration once to warm up (not counted), then <paramref name="runs"/> rounds in which every configuration
    /// runs once, the starting one rotating, so that machine noise spreads over all of them.
    /// </summary>
    public static async Task<List<ConfigResult>> InterleavedAsync(Codebase codebase, List<Config> configs, int runs)
    {
        var results = configs.Select(c => new ConfigResult(c, [])).ToList();
        foreach (var config in configs)
        {
            await WholeAsync(codebase, config);
        }

        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < configs.Count; i++)
            {
                var at = (i + run) % configs.Count;
                results[at].Samples.Add(await WholeAsync(codebase, configs[at]));
            }

            Console.Error.WriteLine($"  round {run + 1}/{runs} done");
        }

        return results;
    }

    private static async Task<Sample> WholeAsync(Codebase codebase, Config config)
    {
        Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var compilation = codebase.Create(codebase.Parse());
        int diagnostics;
        if (config.Analyzers.IsEmpty)
        {
            diagnostics = compilation.GetDiagnostics().Length;
        }
        else
        {
            diagnostics = (await compilation.WithAnalyzers(config.Analyzers, AnalyzerOptions(logTime: false)).GetAnalyzerDiagnosticsAsync()).Length;
        }

        clock.Stop();
        return new Sample(clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, diagnostics);
    }

    /// <summary>
    /// Runs with Roslyn's per-analyzer execution times on (one by default, the median per analyzer of
    /// <paramref name="runs"/>): the time spent inside our callbacks; and one of the hollow copies, to check that each
    /// registers what its analyzer registers.
    /// </summary>
    public static async Task<List<CallbackTime>> CallbackTimesAsync(Codebase codebase, ImmutableArray<FamilyAnalyzer> analyzers, int runs = 1)
    {
        var samples = analyzers.Select(_ => new List<(TimeSpan Time, AnalyzerTelemetryInfo Info)>()).ToList();
        for (var run = 0; run < runs; run++)
        {
            var withAnalyzers = codebase.Create(codebase.Parse()).WithAnalyzers([.. analyzers.Select(a => a.Analyzer)], AnalyzerOptions(logTime: true));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            for (var i = 0; i < analyzers.Length; i++)
            {
                var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[i].Analyzer, CancellationToken.None);
                samples[i].Add((info.ExecutionTime, info));
            }
        }

        var hollow = analyzers.Select(a => new HollowAnalyzer(a.Analyzer)).ToList();
        var withHollow = codebase.Create(codebase.Parse()).WithAnalyzers([.. hollow], AnalyzerOptions(logTime: true));
        await withHollow.GetAnalyzerDiagnosticsAsync();
        var times = new List<CallbackTime>();
        for (var i = 0; i < analyzers.Length; i++)
        {
            var (time, info) = samples[i].OrderBy(s => s.Time).ElementAt(samples[i].Count / 2);
            var floor = await withHollow.GetAnalyzerTelemetryInfoAsync(hollow[i], CancellationToken.None);

            // The floor is only a floor if the driver saw the same registrations from it.
            if (Registrations(info) != Registrations(floor))
            {
                throw new InvalidOperationException($"The hollow copy of {analyzers[i].Analyzer.GetType().Name} registers {Registrations(floor)}, the analyzer {Registrations(info)}.");
            }

            times.Add(new CallbackTime(analyzers[i], time, info, floor.ExecutionTime));
        }

        return times;
    }

    private static string Registrations(AnalyzerTelemetryInfo info) =>
        $"{info.CompilationStartActionsCount}/{info.CompilationEndActionsCount}/{info.CompilationActionsCount} compilation, {info.OperationActionsCount} operation, {info.SyntaxNodeActionsCount} syntax node, {info.SyntaxTreeActionsCount} syntax tree, {info.SymbolActionsCount} symbol, {info.SemanticModelActionsCount} semantic model, {info.AdditionalFileActionsCount} additional file";

    /// <summary>
    /// What an IDE pays after one edit: the compilation is warm, a line is inserted in the middle of the largest file
    /// (an incremental reparse, as the editor does), and the edited document's diagnostics are computed on the forked
    /// compilation: compiler diagnostics alone, against compiler + analyzer syntax and semantic diagnostics of that
    /// document. Each run edits a different line.
    /// </summary>
    public static async Task<IdeResult> SingleDocumentAsync(Codebase codebase, List<Config> configs, int runs)
    {
        var trees = codebase.Parse();
        var compilation = codebase.Create(trees);
        compilation.GetDiagnostics();
        var target = trees.MaxBy(t => t.Length)!;
        var text = target.GetText();
        var results = configs.Select(c => new ConfigResult(c, [])).ToList();
        for (var run = -1; run < runs; run++)
        {
            var line = text.Lines[Math.Clamp((text.Lines.Count / 2) + run, 0, text.Lines.Count - 1)];
            var edited = target.WithChangedText(text.WithChanges(new TextChange(new TextSpan(line.Start, 0), $"// edit {run}\n")));
            for (var i = 0; i < configs.Count; i++)
            {
                var at = (i + Math.Max(run, 0)) % configs.Count;
                var sample = await DocumentAsync(compilation.ReplaceSyntaxTree(target, edited), edited, configs[at]);
                if (run >= 0)
                {
                    results[at].Samples.Add(sample);
                }
            }
        }

        return new IdeResult(codebase.Files[trees.IndexOf(target)], text.Lines.Count, results);
    }

    private static async Task<Sample> DocumentAsync(Compilation fork, SyntaxTree document, Config config)
    {
        Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var diagnostics = 0;
        if (config.Analyzers.IsEmpty)
        {
            diagnostics = fork.GetSemanticModel(document).GetDiagnostics().Length;
        }
        else
        {
            var withAnalyzers = fork.WithAnalyzers(config.Analyzers, AnalyzerOptions(logTime: false));
            var model = withAnalyzers.Compilation.GetSemanticModel(document);
            diagnostics += model.GetDiagnostics().Length;
            diagnostics += (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(document, CancellationToken.None)).Length;
            diagnostics += (await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None)).Length;
        }

        clock.Stop();
        return new Sample(clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, diagnostics);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
