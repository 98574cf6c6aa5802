using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers;

/// <summary>
/// Runs SecurityCodeScan and our SSB2001-SSB2299 rules over the held-out corpus (*.cases, see InsecureApiCorpusTests)
/// and prints each one's recall and precision. SecurityCodeScan is credited with any of its diagnostics on an insecure case.
/// </summary>
internal static class CorpusComparison
{
    public static async Task<int> RunAsync(string folder)
    {
        var cases = Directory.GetFiles(folder, "*.cases").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split("//# ", StringSplitOptions.RemoveEmptyEntries))
            .Select(c => (Insecure: c.StartsWith("insecure", StringComparison.Ordinal), Source: c[(c.IndexOf('\n', StringComparison.Ordinal) + 1)..]))
            .ToList();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = cases.Select((c, i) => CSharpSyntaxTree.ParseText($"namespace Case{i}\n{{\n{c.Source}\n}}\n", parseOptions, path: $"case{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(folder, "standins.cs.txt")), parseOptions, path: "standins.cs"))
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Corpus", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var ours = SecureBuildAnalyzer.CreateRules()
            .Where(a => a.SupportedDiagnostics.Any(d => string.CompareOrdinal(d.Id, "SSB2001") >= 0 && string.CompareOrdinal(d.Id, "SSB2299") <= 0))
            .ToImmutableArray();
        var scs = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "scs", "SecurityCodeScan.VS2019.dll")).GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        Console.WriteLine($"corpus: {cases.Count(c => c.Insecure)} insecure cases, {cases.Count(c => !c.Insecure)} safe look-alikes");
        foreach (var (name, analyzers) in new[] { ("Scalyz.SecureBuild SSB20xx-22xx", ours), ("SecurityCodeScan 5.6.7", scs) })
        {
            var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
            var flagged = diagnostics.Where(d => d.Id != "SCS0000").Select(d => d.Location.SourceTree?.FilePath).ToHashSet();
            var truePositives = cases.Select((c, i) => c.Insecure && flagged.Contains($"case{i}.cs")).Count(x => x);
            var falsePositives = cases.Select((c, i) => !c.Insecure && flagged.Contains($"case{i}.cs")).Count(x => x);
            Console.WriteLine($"{name,-34} recall {(double)truePositives / cases.Count(c => c.Insecure),7:P1}   precision {(double)truePositives / Math.Max(1, truePositives + falsePositives),7:P1}   ({truePositives} found, {falsePositives} safe cases flagged)");
        }

        return 0;
    }
}
