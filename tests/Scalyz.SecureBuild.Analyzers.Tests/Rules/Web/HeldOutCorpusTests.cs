using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Xunit.Abstractions;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

/// <summary>
/// Recall and precision of the injection, XML, web, output, logging and file rules on a corpus of insecure cases and safe
/// look-alikes (HeldOutCorpus/*.txt), modelled on the public descriptions of the SecurityCodeScan, CA and Sonar rules.
/// </summary>
public sealed class HeldOutCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] Areas = ["Injection", "Xml", "Web", "Logging", "Files"];

    [Fact]
    public async Task Corpus_RecallAtLeast90AndPrecisionAtLeast95Percent()
    {
        var analyzers = typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && Areas.Any(a => t.Namespace == "Scalyz.SecureBuild.Analyzers.Rules." + a))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();
        var (truePositives, falseNegatives, falsePositives, trueNegatives) = (0, 0, 0, 0);
        var misses = new List<string>();
        foreach (var (name, expected, source) in Cases())
        {
            var compilation = Verify.Compile(source, [StandIns.Npgsql, StandIns.EntityFrameworkCore, StandIns.DirectoryServices, StandIns.IdentityModel, StandIns.SystemWeb]);
            var ids = (await compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync())
                .Where(d => d.Location.SourceTree?.FilePath == "Test0.cs")
                .Select(d => d.Id).ToHashSet();
            if (expected is null)
            {
                (ids.Count == 0 ? ref trueNegatives : ref falsePositives)++;
                if (ids.Count > 0)
                {
                    misses.Add($"false positive {name}: {string.Join(",", ids)}");
                }
            }
            else
            {
                (ids.Contains(expected) ? ref truePositives : ref falseNegatives)++;
                if (!ids.Contains(expected))
                {
                    misses.Add($"missed {name} ({expected}); got {string.Join(",", ids)}");
                }
            }
        }

        var recall = truePositives / (double)(truePositives + falseNegatives);
        var precision = truePositives / (double)(truePositives + falsePositives);
        output.WriteLine($"insecure {truePositives + falseNegatives}, safe {trueNegatives + falsePositives}: TP {truePositives} FN {falseNegatives} FP {falsePositives} TN {trueNegatives}");
        output.WriteLine($"recall {recall:P1}, precision {precision:P1}");
        misses.ForEach(output.WriteLine);
        Assert.True(recall >= 0.90 && precision >= 0.95, $"recall {recall:P1}, precision {precision:P1}\n{string.Join("\n", misses)}");
    }

    private static IEnumerable<(string Name, string? ExpectedId, string Source)> Cases()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Scalyz.SecureBuild.Analyzers.Tests", "Rules", "Web", "HeldOutCorpus");
        foreach (var file in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            string? header = null;
            var body = new List<string>();
            foreach (var line in File.ReadAllLines(file).Append("// ==== end | none"))
            {
                if (!line.StartsWith("// ==== ", StringComparison.Ordinal))
                {
                    body.Add(line);
                    continue;
                }

                if (header is not null)
                {
                    var parts = header["// ==== ".Length..].Split('|', StringSplitOptions.TrimEntries);
                    yield return ($"{Path.GetFileName(file)}:{parts[0]}", parts[1] == "none" ? null : parts[1], string.Join("\n", body));
                }

                header = line;
                body.Clear();
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }
}
