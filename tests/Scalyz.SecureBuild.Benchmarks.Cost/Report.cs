using System.Globalization;

using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace Scalyz.SecureBuild.Benchmarks.Cost;

/// <summary>Prints the figures as Markdown tables, ready for a note.</summary>
internal static class Report
{
    public static void Table(string title, List<ConfigResult> results, ConfigResult bind, ConfigResult? sonar, ConfigResult? ours)
    {
        Console.WriteLine($"## {title} (median of {bind.Samples.Count} interleaved runs)");
        Console.WriteLine();
        Console.WriteLine("| configuration | wall ms | analyze/bind | overhead ms | CPU ms | CPU ratio | allocated MB | diagnostics |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            Console.WriteLine(Invariant($"| {result.Config.Name} | {result.Wall.TotalMilliseconds:N0} | x{result.Wall / bind.Wall:0.00} | {(result.Wall - bind.Wall).TotalMilliseconds:N0} | {result.Cpu.TotalMilliseconds:N0} | x{result.Cpu / bind.Cpu:0.00} | {result.Allocated / 1048576.0:N0} | {result.Diagnostics:N0} |"));
        }

        Console.WriteLine();
        if (ours is not null && sonar is not null)
        {
            var oursOverhead = ours.Wall - bind.Wall;
            var sonarOverhead = sonar.Wall - bind.Wall;
            Console.WriteLine(Invariant($"Scalyz.SecureBuild's overhead {oursOverhead.TotalMilliseconds:N0} ms = {oursOverhead / sonarOverhead:0.00}x the Sonar security rules' ({sonarOverhead.TotalMilliseconds:N0} ms); analyze/bind x{ours.Wall / bind.Wall:0.000} wall, x{ours.Cpu / bind.Cpu:0.000} CPU (Sonar x{sonar.Wall / bind.Wall:0.000} wall)."));
            Console.WriteLine();
        }
    }

    public static void Versus(string name, ConfigResult other, ConfigResult bind, ConfigResult sonar)
    {
        var overhead = other.Wall - bind.Wall;
        var sonarOverhead = sonar.Wall - bind.Wall;
        Console.WriteLine(Invariant($"{name}'s overhead {overhead.TotalMilliseconds:N0} ms = {overhead / sonarOverhead:0.00}x the Sonar security rules'; analyze/bind x{other.Wall / bind.Wall:0.000} wall, x{other.Cpu / bind.Cpu:0.000} CPU."));
        Console.WriteLine();
    }

    public static void Callbacks(List<CallbackTime> times, int top = 15)
    {
        var total = TimeSpan.FromTicks(times.Sum(t => t.Time.Ticks));
        Console.WriteLine(Invariant($"## Time inside our callbacks (one run, Roslyn's execution times on): {total.TotalMilliseconds:N0} ms"));
        Console.WriteLine();
        Console.WriteLine("| family | ms |");
        Console.WriteLine("|---|---:|");
        foreach (var family in times.GroupBy(t => t.Analyzer.Family).OrderByDescending(g => g.Sum(t => t.Time.Ticks)))
        {
            Console.WriteLine(Invariant($"| {family.Key} | {TimeSpan.FromTicks(family.Sum(t => t.Time.Ticks)).TotalMilliseconds:N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| analyzer | ms | hollow ms | registered: compilation start / end, operation, syntax node, syntax tree, symbol |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var time in times.OrderByDescending(t => t.Time).Take(top))
        {
            var info = time.Info;
            Console.WriteLine(Invariant($"| {time.Analyzer.Analyzer.GetType().Name} | {time.Time.TotalMilliseconds:N0} | {time.Floor.TotalMilliseconds:N0} | {info.CompilationStartActionsCount} / {info.CompilationEndActionsCount}, {info.OperationActionsCount}, {info.SyntaxNodeActionsCount}, {info.SyntaxTreeActionsCount}, {info.SymbolActionsCount} |"));
        }

        Console.WriteLine();
    }

    public static void Profile(List<(FamilyAnalyzer Rule, TimeSpan Cpu, TimeSpan TreeCpu, int Calls)> times, List<(FamilyAnalyzer Rule, TimeSpan Cpu, TimeSpan TreeCpu, int Calls)> compared, int runs, TimeSpan keyedDispatch, int keyedOperations)
    {
        var total = TimeSpan.FromTicks(times.Sum(t => t.Cpu.Ticks)) + keyedDispatch;
        var comparedTotal = TimeSpan.FromTicks(compared.Sum(t => t.Cpu.Ticks));
        Console.WriteLine(Invariant($"## Our callbacks apart from the driver, one thread's CPU time (median of {runs}): {total.TotalMilliseconds:N1} ms") + (compared.Count == 0 ? string.Empty : Invariant($"; compared build {comparedTotal.TotalMilliseconds:N1} ms")));
        Console.WriteLine();

        // The rules outside the secrets family are the operation-based ones (plus a few syntax and symbol actions); with the
        // host's keyed dispatch, what it pays to pick the rules for each operation counts with them.
        static TimeSpan OperationRules(List<(FamilyAnalyzer Rule, TimeSpan Cpu, TimeSpan TreeCpu, int Calls)> list) =>
            TimeSpan.FromTicks(list.Where(t => t.Rule.Family != "Secrets").Sum(t => t.Cpu.Ticks));
        Console.WriteLine(Invariant($"Rules outside Secrets: {(OperationRules(times) + keyedDispatch).TotalMilliseconds:N1} ms, of which the host's keyed dispatch {keyedDispatch.TotalMilliseconds:N1} ms over {keyedOperations:N0} operations ({(keyedOperations == 0 ? 0 : keyedDispatch.TotalMicroseconds / keyedOperations):N2} µs each)")
            + (compared.Count == 0 ? string.Empty : Invariant($"; compared build {OperationRules(compared).TotalMilliseconds:N1} ms")));
        Console.WriteLine();
        Console.WriteLine("| analyzer | family | CPU ms | compared build ms | of which syntax-tree actions | calls | µs per call |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (rule, cpu, treeCpu, calls) in times.OrderByDescending(t => t.Cpu))
        {
            var name = rule.Analyzer.GetType().Name;
            var other = compared.FirstOrDefault(c => c.Rule.Analyzer.GetType().Name == name);
            var otherMs = other.Rule is null ? "-" : Invariant($"{other.Cpu.TotalMilliseconds:N1}");
            Console.WriteLine(Invariant($"| {name} | {rule.Family} | {cpu.TotalMilliseconds:N1} | {otherMs} | {treeCpu.TotalMilliseconds:N1} | {calls:N0} | {(calls == 0 ? 0 : cpu.TotalMicroseconds / calls):N2} |"));
        }

        Console.WriteLine();
    }

    public static void Ide(IdeResult ide, Codebase codebase)
    {
        var bind = ide.Results[0];
        Console.WriteLine($"## IDE: one edit in the largest file, that document's diagnostics (median of {bind.Samples.Count})");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{Path.GetFileName(ide.File)}, {ide.Lines:N0} lines, in a warm compilation of {codebase.Lines:N0} lines"));
        Console.WriteLine();
        Console.WriteLine("| configuration | ms | vs compiler only | overhead ms | CPU ms | allocated MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var result in ide.Results)
        {
            Console.WriteLine(Invariant($"| {result.Config.Name} | {result.Wall.TotalMilliseconds:N1} | x{result.Wall / bind.Wall:0.00} | {(result.Wall - bind.Wall).TotalMilliseconds:N1} | {result.Cpu.TotalMilliseconds:N1} | {result.Allocated / 1048576.0:N1} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
