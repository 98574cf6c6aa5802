using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Xunit.Abstractions;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Recall and precision on a corpus built at run time: three samples of every catalog format placed in a plain
/// literal, a credential-named dictionary entry, a comment and appsettings.json, next to benign look-alikes
/// (hashes, GUIDs, random base64 that no credential name receives, placeholders, documentation examples, truncated
/// tokens, URLs without passwords). Each line holds one case, so diagnostics map to cases by line.
/// </summary>
public sealed class SecretCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_RecallAndPrecisionAreAtLeast95Percent()
    {
        var formats = SecretCatalog.Default.Formats.Where(f => f.Kind is SecretKind.Token or SecretKind.PrivateKey)
            .SelectMany(f => Enumerable.Range(1, 3).Select(_ => f.Id)).ToList();
        var positives = SecretCatalog.Default.Formats.Where(f => f.Kind is SecretKind.Token or SecretKind.PrivateKey)
            .SelectMany(f => Enumerable.Range(1, 3).Select(seed => SecretSamples.Generate(f, seed))).ToList();
        var benign = Benign().ToList();

        var (codeHits, codeLines) = await CodeHitsAsync(positives.Concat(benign).ToList(), (v, i) => $"    object V{i} = {Literal(v)};");
        var (dictHits, _) = await CodeHitsAsync(positives, (v, i) => $"    void M{i}(System.Collections.Generic.Dictionary<string, string> d) => d[\"Settings:ApiKey\"] = {Literal(v)};");
        var (commentHits, _) = await CodeHitsAsync(positives.Where(p => !p.Contains('\n') && !p.Contains('\r')).ToList(), (v, i) => $"    // value {i}: {v}");
        var configHits = await ConfigHitsAsync(positives.Concat(benign).ToList());

        var truePositives = Count(codeHits, 0, positives.Count) + Count(dictHits, 0, positives.Count) + Count(commentHits, 0, commentHits.Length) + Count(configHits, 0, positives.Count);
        var positiveCases = positives.Count * 3 + commentHits.Length;
        var falsePositives = Count(codeHits, positives.Count, codeLines) + Count(configHits, positives.Count, configHits.Length);
        var recall = (double)truePositives / positiveCases;
        var precision = (double)truePositives / (truePositives + falsePositives);
        output.WriteLine($"formats: {positives.Count / 3}, positive cases: {positiveCases}, benign cases: {benign.Count * 2}");
        foreach (var (context, hits) in new[] { ("literal", codeHits), ("dictionary", dictHits), ("config", configHits) })
        {
            output.WriteLine($"missed in {context}: " + string.Join(", ", Enumerable.Range(0, positives.Count).Where(i => !hits[i]).Select(i => formats[i]).Distinct()));
        }

        output.WriteLine($"recall: {recall:P2} ({truePositives}/{positiveCases}), precision: {precision:P2} ({falsePositives} false positives)");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
        Assert.True(precision >= 0.95, $"precision {precision:P2}");
    }

    private static IEnumerable<string> Benign()
    {
        var random = new Random(42);
        string Hex(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "0123456789abcdef"[random.Next(16)]));
        for (var i = 0; i < 40; i++)
        {
            yield return new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString();
            yield return Hex(32);
            yield return Hex(40);
            yield return Hex(64);
            yield return Convert.ToBase64String(Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)).ToArray());
            yield return $"{random.Next(1, 20)}.{random.Next(0, 99)}.{random.Next(0, 999)}-preview.{random.Next(1, 9)}";
            yield return $"https://api.example.com/v{random.Next(1, 4)}/items/{Hex(8)}?page={random.Next(9)}";
        }

        foreach (var format in SecretCatalog.Default.Formats.Where(f => f.Kind == SecretKind.Token))
        {
            var sample = SecretSamples.Generate(format);
            yield return sample[..(sample.Length * 2 / 5)];
            yield return sample[..Math.Min(8, sample.Length)] + "<your-key-here>";
            foreach (var example in format.Examples)
            {
                yield return example;
            }
        }

        yield return "<your-api-key>";
        yield return "${API_TOKEN}";
        yield return "Server=db;Integrated Security=true;";
        yield return "-----BEGIN RSA PRIVATE KEY-----";
    }

    private static int Count(bool[] hits, int from, int to) => hits.Skip(from).Take(to - from).Count(h => h);

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static async Task<(bool[] Hits, int Lines)> CodeHitsAsync(List<string> values, Func<string, int, string> line)
    {
        var source = new StringBuilder("class C\n{\n");
        for (var i = 0; i < values.Count; i++)
        {
            source.Append(line(values[i], i)).Append('\n');
        }

        source.Append("}\n");
        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), source.ToString());
        var hits = new bool[values.Count];
        foreach (var diagnostic in diagnostics)
        {
            hits[diagnostic.Location.GetLineSpan().StartLinePosition.Line - 2] = true;
        }

        return (hits, values.Count);
    }

    private static async Task<bool[]> ConfigHitsAsync(List<string> values)
    {
        var json = new StringBuilder("{\n");
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            json.Append($"  \"Setting{i}\": \"{value.Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r")}\",\n");
        }

        json.Append("  \"End\": 0\n}\n");
        var diagnostics = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/appsettings.json", json.ToString()));
        var hits = new bool[values.Count];
        foreach (var diagnostic in diagnostics)
        {
            hits[diagnostic.Location.GetLineSpan().StartLinePosition.Line - 1] = true;
        }

        return hits;
    }
}
