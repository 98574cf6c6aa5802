using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Xunit.Abstractions;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

/// <summary>
/// Recall and precision of the crypto, transport and deserialization rules on a held-out corpus of insecure cases and
/// safe look-alikes (Corpus/*.cases), written from the public descriptions of the SecurityCodeScan, CA and Sonar rules.
/// </summary>
public sealed class InsecureApiCorpusTests(ITestOutputHelper output)
{
    private static readonly string CorpusFolder = Path.Combine(FindRepositoryRoot(), "tests", "Scalyz.SecureBuild.Analyzers.Tests", "Rules", "Crypto", "Corpus");

    [Fact]
    public async Task Corpus_RecallAtLeast90AndPrecisionAtLeast95Percent()
    {
        var analyzers = OwnAnalyzers();
        var standIns = File.ReadAllText(Path.Combine(CorpusFolder, "standins.cs.txt"));
        // One compilation for the whole corpus, each case in its own namespace and file, keeps the run to seconds.
        var cases = Directory.GetFiles(CorpusFolder, "*.cases").Order(StringComparer.Ordinal).SelectMany(ReadCases).ToList();
        var sources = cases.Select((c, i) => $"namespace Case{i}\n{{\n{c.Source}\n}}\n").Append(standIns).ToArray();
        var compilation = Verify.Compile(sources[0], sources[1..]);
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        var byFile = diagnostics.ToLookup(d => d.Location.SourceTree?.FilePath);
        var results = cases.Select((c, i) => (Case: c, Found: (IReadOnlyList<string>)byFile[i == 0 ? "Test0.cs" : $"Extra{i - 1}.cs"].Select(d => d.Id).Distinct().Order().ToList())).ToList();

        var insecure = results.Where(r => r.Case.ExpectedId is not null).ToList();
        var truePositives = insecure.Count(r => r.Found.Contains(r.Case.ExpectedId!));
        var falsePositives = results.Sum(r => r.Found.Count(id => id != r.Case.ExpectedId));
        var recall = (double)truePositives / insecure.Count;
        var precision = (double)truePositives / (truePositives + falsePositives);

        foreach (var group in insecure.GroupBy(r => r.Case.ExpectedId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Found.Contains(group.Key!))}/{group.Count()} found");
        }

        foreach (var (miss, found) in results.Where(r => r.Case.ExpectedId is not null ? !r.Found.Contains(r.Case.ExpectedId) : r.Found.Count > 0))
        {
            output.WriteLine($"{(miss.ExpectedId is null ? "false positive" : "missed")}: {miss.Name} [{string.Join(",", found)}]");
        }

        output.WriteLine($"cases: {insecure.Count} insecure, {results.Count - insecure.Count} safe; true positives {truePositives}, false positives {falsePositives}");
        output.WriteLine($"recall {recall:P1}, precision {precision:P1}");
        Assert.True(recall >= 0.90, $"recall {recall:P1}");
        Assert.True(precision >= 0.95, $"precision {precision:P1}");
    }

    /// <summary>Every rule of the package reporting in SSB2001-SSB2299 (crypto, transport, deserialization).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> OwnAnalyzers() =>
        SecureBuildAnalyzer.CreateRules()
            .Where(a => a.SupportedDiagnostics.Any(d => string.CompareOrdinal(d.Id, "SSB2001") >= 0 && string.CompareOrdinal(d.Id, "SSB2299") <= 0))
            .ToImmutableArray();

    // A case starts with "//# insecure SSBnnnn description" or "//# safe description" and runs to the next header.
    // A safe case may name the category it looks like: "//# safe SSBnnnn description".
    internal static IEnumerable<Case> ReadCases(string path)
    {
        string? header = null;
        var body = new List<string>();
        foreach (var line in File.ReadLines(path).Append("//# end"))
        {
            if (!line.StartsWith("//# ", StringComparison.Ordinal))
            {
                body.Add(line);
                continue;
            }

            if (header is not null)
            {
                var parts = header.Split(' ', 3);
                yield return parts[0] == "insecure"
                    ? new Case($"{Path.GetFileName(path)}: {parts[2]}", parts[1], string.Join('\n', body), parts[1])
                    : new Case($"{Path.GetFileName(path)}: {header[5..]}", null, string.Join('\n', body), parts.Length > 1 && parts[1].StartsWith("SSB", StringComparison.Ordinal) ? parts[1] : null);
            }

            header = line[4..];
            body.Clear();
        }
    }

    internal static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }

    internal sealed record Case(string Name, string? ExpectedId, string Source, string? Category);
}
