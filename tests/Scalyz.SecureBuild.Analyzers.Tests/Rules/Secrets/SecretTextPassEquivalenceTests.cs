using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 13, the secret rules' text pass made cheaper: each shortcut of <see cref="HardcodedSecretAnalyzer"/>'s pass over
/// a file's characters is checked at every position of a corpus (the secret rules' own sources and tests, full of
/// keywords, credential pairs and secrets in strings and comments, and generated text) against the straightforward
/// computation it replaces, kept here as the oracle: what the pass looks at, and so what it reports, is unchanged.
/// </summary>
public sealed class SecretTextPassEquivalenceTests
{
    private static readonly Lazy<List<string>> Corpus = new(LoadCorpus);

    [Fact]
    public void TokenAtAndTriviaAt_AreWhatFindTokenAndFindTriviaReturn()
    {
        var positions = 0;
        foreach (var text in Corpus.Value)
        {
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();

            // Every position in order, then sparse forward jumps (the pass asks only at hits), then each in a fresh cursor.
            foreach (var step in new[] { 1, 37, 1009 })
            {
                SyntaxToken last = default;
                for (var i = 0; i < text.Length - 1; i += step)
                {
                    var token = HardcodedSecretAnalyzer.TokenAt(root, ref last, i);
                    Assert.Equal(root.FindToken(i), token);
                    if (!token.Span.Contains(i))
                    {
                        Assert.Equal(root.FindTrivia(i), HardcodedSecretAnalyzer.TriviaAt(token, i));
                    }

                    positions++;
                }
            }
        }

        Assert.True(positions > 1_000_000, $"only {positions} positions compared");
    }

    [Fact]
    public void KeywordPairs_AreThePairsThatStartAKeyword()
    {
        var catalog = SecretCatalog.Default;
        for (var first = 0; first < 128; first++)
        {
            for (var second = 0; second < 128; second++)
            {
                var startsOne = catalog.Formats.Any(f => f.Keywords.Any(k =>
                    k[0] == SecretText.ToLowerAscii((char)first) && k[1] == SecretText.ToLowerAscii((char)second)));
                Assert.True(startsOne == catalog.KeywordPairs[(first << 7) | second], $"pair '{(char)first}{(char)second}'");
            }
        }
    }

    [Fact]
    public void HasKeywordAt_IsTheWholeKeywordComparison()
    {
        var buckets = SecretCatalog.Default.KeywordBuckets;
        var hits = 0;
        foreach (var text in Corpus.Value)
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                var c = SecretText.ToLowerAscii(text[i]);
                var next = SecretText.ToLowerAscii(text[i + 1]);
                if (c >= 128 || next >= 128)
                {
                    continue;
                }

                var bucket = buckets[SecretCatalog.BucketOf(c, next)];
                var hit = HardcodedSecretAnalyzer.HasKeywordAt(bucket, text, i, out var anchored);
                var expected = OracleHasKeywordAt(bucket, text, i, out var expectedAnchored);
                Assert.True(expected == hit && expectedAnchored == anchored, $"at {i}: {Around(text, i)}");
                hits += hit ? 1 : 0;
            }
        }

        Assert.True(hits > 10_000, $"only {hits} keyword hits");
    }

    [Fact]
    public void MayStartSinkOrPair_HoldsWhereverASinkOrCredentialPairMayStart()
    {
        var starts = 0;
        foreach (var text in Corpus.Value)
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                if (OracleMayStartSinkOrPair(text, i))
                {
                    starts++;
                    Assert.True(HardcodedSecretAnalyzer.MayStartSinkOrPair(text, i), $"at {i}: {Around(text, i)}");
                }
            }
        }

        Assert.True(starts > 5_000, $"only {starts} starts");
    }

    [Fact]
    public void StartTable_PassesWhatTheHashedPairAndTripleTablesPassedAndAKeywordOrASinkOrCredentialPairStarts()
    {
        var buckets = SecretCatalog.Default.KeywordBuckets;
        var oracle = new OracleStartTables();
        int starts = 0, passed = 0, positions = 0;
        foreach (var text in Corpus.Value)
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                positions++;
                var passes = HardcodedSecretAnalyzer.PassesStartTable(text, i);
                var passedBefore = oracle.Passes(text, i);
                passed += passes ? 1 : 0;

                // Nothing new is looked at...
                Assert.True(!passes || passedBefore, $"passes now, not before, at {i}: {Around(text, i)}");

                // ...and of what was looked at, only what no check takes is left out.
                if (passedBefore && !passes)
                {
                    var keyword = OracleHasKeywordAt(buckets[SecretCatalog.BucketOf(SecretText.ToLowerAscii(text[i]), SecretText.ToLowerAscii(text[i + 1]))], text, i, out _);
                    Assert.False(keyword || OracleMayStartSinkOrPair(text, i), $"a start left out at {i}: {Around(text, i)}");
                }

                starts += passedBefore ? 1 : 0;
            }
        }

        // And it is a filter: most positions go no further.
        Assert.True(starts > 10_000 && passed < positions / 2, $"{starts} passed before, {passed} of {positions} positions pass now");
    }

    private static bool OracleMayStartSinkOrPair(string text, int i) =>
        SymmetricKeySinks.MayStartAt(text, i)
        || (SecretText.ToLowerAscii(text[i]) is ':' or '=' && CommentCredentials.KeyEndsAt(text, 0, i)) || CommentCredentials.MayStartAt(text, i)
        || GeneralCredentials.MayStartAt(text, i) || ContextCredentials.MayStartAt(text, i);

    // The text pass's first filter as it was: a table of pairs as written, then a hashed table of lowercase three-character
    // starts unless the pair starts something whatever follows it.
    private sealed class OracleStartTables
    {
        private readonly bool[] _pairs = new bool[128 * 128];
        private readonly bool[] _triples = new bool[1 << 16];
        private readonly bool[] _anyThird = new bool[128 * 128];

        public OracleStartTables()
        {
            foreach (var keyword in SecretCatalog.Default.Formats.SelectMany(f => f.Keywords))
            {
                Add(keyword[0], keyword[1], keyword.Length > 2 ? keyword[2] : '\0');
            }

            foreach (var sink in new[] { "HMA", "Sym", "Aes", "Cha", "Cre", "Key" })
            {
                Add(sink[0], sink[1], sink[2]);
            }

            for (var next = 0; next < 128; next++)
            {
                _pairs[(':' << 7) | next] = _pairs[('=' << 7) | next] = true;
                _anyThird[(':' << 7) | next] = _anyThird[('=' << 7) | next] = true;
            }

            Add('-', '-');
            Add('-', 'p');
            Add('-', 'k');
            Add('p', 'a', 's');
            foreach (var start in ContextCredentials.StartPairs.Concat(GeneralCredentials.StartPairs))
            {
                Add(start[0], start[1], start.Length > 2 ? start[2] : '\0');
            }
        }

        public bool Passes(string text, int i)
        {
            var raw = text[i];
            var rawNext = text[i + 1];
            if (raw >= 128 || rawNext >= 128 || !_pairs[(raw << 7) | rawNext])
            {
                return false;
            }

            var c = SecretText.ToLowerAscii(raw);
            var next = SecretText.ToLowerAscii(rawNext);
            return i + 2 >= text.Length || _anyThird[(c << 7) | next] || _triples[TripleOf(c, next, SecretText.ToLowerAscii(text[i + 2]))];
        }

        private static int TripleOf(char first, char second, char third) =>
            (int)((uint)((first << 14) ^ (second << 7) ^ third) * 2654435761u >> 16);

        private void Add(char first, char second, char third = '\0')
        {
            foreach (var a in new[] { first, char.ToUpperInvariant(first), char.ToLowerInvariant(first) })
            {
                foreach (var b in new[] { second, char.ToUpperInvariant(second), char.ToLowerInvariant(second) })
                {
                    if (a < 128 && b < 128)
                    {
                        _pairs[(a << 7) | b] = true;
                    }
                }
            }

            var lowerFirst = SecretText.ToLowerAscii(first);
            var lowerSecond = SecretText.ToLowerAscii(second);
            if (third == '\0')
            {
                _anyThird[(lowerFirst << 7) | lowerSecond] = true;
            }
            else
            {
                _triples[TripleOf(lowerFirst, lowerSecond, SecretText.ToLowerAscii(third))] = true;
            }
        }
    }

    // HasKeywordAt as it was: each keyword of the bucket compared whole, case-insensitively.
    private static bool OracleHasKeywordAt((string Keyword, SecretFormat Format, bool NeedsBoundary)[] bucket, string text, int index, out bool anchored)
    {
        var hit = false;
        anchored = false;
        foreach (var (keyword, format, needsBoundary) in bucket)
        {
            if ((!needsBoundary || index == 0 || !SecretScanner.IsAlphanumeric(text[index - 1]))
                && index + keyword.Length <= text.Length && SecretText.IndexOfIgnoreCase(text, index, keyword.Length, keyword) == index)
            {
                hit = true;
                if (format.IsAnchored && SecretScanner.IsWordStart(text, index))
                {
                    anchored = true;
                    return true;
                }
            }
        }

        return hit;
    }

    private static string Around(string text, int i) => text.Substring(Math.Max(0, i - 20), Math.Min(text.Length, i + 20) - Math.Max(0, i - 20));

    // The secret rules' sources and tests, and generated text: every keyword and credential start next to every kind of
    // character (letters of both cases, digits, '_', spaces, quotes, non-ASCII), so that each gate meets its edges.
    private static List<string> LoadCorpus()
    {
        var root = InsecureApiCorpusTests.FindRepositoryRoot();
        var texts = new[] { "src/Scalyz.SecureBuild.Analyzers/Rules/Secrets", "tests/Scalyz.SecureBuild.Analyzers.Tests/Rules/Secrets" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();

        var words = SecretCatalog.Default.Formats.SelectMany(f => f.Keywords)
            .Concat(["password ", "passwd ", "passphrase`", "pwd ", "secret ", "token ", "key ", "apikey ", "credential ", "credentials`", "pass:x",
                "HMAC", "SymmetricSecurityKey", "AesGcm", "AesCcm", "ChaCha20Poly1305", "CreateEncryptor", "CreateDecryptor", "Key = ", "Key ==",
                " -p ", " -P", " -k ", " --api-key ", " --password-stdin", "<value>", " /d ", " /D ", "host:5432:", "db:*:",
                "api_key=", "password:", "token =", "session=", ".ASPXAUTH=", "?sig=", "&code=", "\\\"password\\\":"])
            .ToArray();
        var around = new[] { "", " ", "a", "Z", "9", "_", "-", "\"", "'", "\t", "\n", "é", "K", "(", ".", "/" };
        var random = new Random(13);
        var generated = new StringBuilder();
        for (var n = 0; n < 200_000; n++)
        {
            var word = words[random.Next(words.Length)];
            generated.Append(around[random.Next(around.Length)]);
            generated.Append(random.Next(3) switch { 0 => word, 1 => word.ToUpperInvariant(), _ => char.ToUpperInvariant(word[0]) + word.Substring(1) });
            generated.Append(around[random.Next(around.Length)]);
            if (n % 500 == 499)
            {
                texts.Add(generated.ToString());
                generated.Clear();
            }
        }

        return texts;
    }
}
