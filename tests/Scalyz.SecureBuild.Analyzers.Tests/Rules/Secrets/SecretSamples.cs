using System.Text;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Builds realistic test secrets at run time from the catalog's own patterns (a small generator for the regex subset
/// the catalog uses), so the repository holds no live-looking secret. Seeded, so every run builds the same values.
/// </summary>
public static class SecretSamples
{
    private const string Safe = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Every catalog format that reports a token or private key (SSB1001/SSB1004), by id.</summary>
    public static TheoryData<string> FormatIds() => Ids(SecretCatalog.Default.Formats.Where(f => f.Kind is SecretKind.Token or SecretKind.PrivateKey));

    /// <summary>The ids of <paramref name="formats"/>, as theory data.</summary>
    internal static TheoryData<string> Ids(IEnumerable<SecretFormat> formats)
    {
        var data = new TheoryData<string>();
        foreach (var format in formats)
        {
            data.Add(format.Id);
        }

        return data;
    }

    internal static SecretFormat Format(string id) => SecretCatalog.Default.Formats.Single(f => f.Id == id);

    /// <summary>A value that matches the format, with a valid checksum where the format has one.</summary>
    internal static string Generate(SecretFormat format, int seed = 0)
    {
        var random = new Random(StableHash(format.Id) + seed);
        var builder = new StringBuilder();
        var position = 0;
        new Generator(format.Pattern, random).Alternation(ref position, builder);
        var sample = builder.ToString();
        if (format.Crc32Checksum)
        {
            var underscore = sample.IndexOf('_', StringComparison.Ordinal);
            var body = sample[(underscore + 1)..(underscore + 31)];
            sample = sample[..(underscore + 1)] + body + SecretText.Crc32Base62(body);
        }

        if (format.Base58Checksum)
        {
            // A BIP32 xprv: version, depth, parent fingerprint, child number, chain code, 0x00 and the key, then the checksum.
            byte[] payload = [0x04, 0x88, 0xAD, 0xE4, .. new byte[9], .. Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)), 0, .. Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256))];
            var check = System.Security.Cryptography.SHA256.HashData(System.Security.Cryptography.SHA256.HashData(payload));
            sample = Corpus.HeldOutBatch5.ToBase58([.. payload, .. check.AsSpan(0, 4)]);
        }

        if (format.Crc16Checksum)
        {
            // A strkey seed: Stellar's version byte 18 << 3, or NATS's seed prefix with the user type (two bytes), then 32 random bytes.
            byte[] prefix = format.Id == "nats-nkey-seed" ? [149, 0] : [18 << 3];
            sample = Corpus.HeldOutBatch5.Crc16Base32([.. prefix, .. Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256))]);
        }

        // An anchored format's value counts only next to its provider word, as real code names it.
        return format.IsAnchored ? format.Keywords[0] + "_key: " + sample : sample;
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private sealed class Generator(string pattern, Random random)
    {
        public void Alternation(ref int i, StringBuilder output)
        {
            var alternatives = new List<(int Start, int End)>();
            var start = i;
            var depth = 0;
            var inClass = false;
            for (; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\')
                {
                    i++;
                }
                else if (inClass)
                {
                    inClass = c != ']';
                }
                else if (c == '[')
                {
                    inClass = true;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }
                else if (c == '|' && depth == 0)
                {
                    alternatives.Add((start, i));
                    start = i + 1;
                }
            }

            alternatives.Add((start, i));
            var (from, to) = alternatives[random.Next(alternatives.Count)];
            Sequence(from, to, output);
        }

        private void Sequence(int i, int end, StringBuilder output)
        {
            while (i < end)
            {
                Func<string> atom;
                var c = pattern[i];
                if (c == '(')
                {
                    var inner = i + 1;
                    if (pattern[inner] == '?')
                    {
                        inner = pattern[inner + 1] == '<' ? pattern.IndexOf('>', inner) + 1 : pattern.IndexOf(':', inner) + 1;
                    }

                    // A throw-away generation finds the closing parenthesis; the group is generated afresh per repetition.
                    var close = inner;
                    new Generator(pattern, new Random(0)).Alternation(ref close, new StringBuilder());
                    var innerStart = inner;
                    atom = () =>
                    {
                        var p = innerStart;
                        var sb = new StringBuilder();
                        Alternation(ref p, sb);
                        return sb.ToString();
                    };
                    i = close + 1;
                }
                else if (c == '[')
                {
                    var close = i + 1;
                    while (pattern[close] != ']' || pattern[close - 1] == '\\' && pattern[close - 2] != '\\')
                    {
                        close++;
                    }

                    var set = ClassSet(pattern[(i + 1)..close]);
                    atom = () => set[random.Next(set.Length)].ToString();
                    i = close + 1;
                }
                else if (c == '\\')
                {
                    var (text, length) = Escape(pattern, i + 1);
                    atom = () => text[random.Next(text.Length)].ToString();
                    i += 1 + length;
                }
                else
                {
                    atom = () => c.ToString();
                    i++;
                }

                var (min, max) = Quantifier(ref i);
                var count = min + random.Next(Math.Min(max - min, 6) + 1);
                for (var n = 0; n < count; n++)
                {
                    output.Append(atom());
                }

            }
        }

        private (int Min, int Max) Quantifier(ref int i)
        {
            if (i >= pattern.Length)
            {
                return (1, 1);
            }

            switch (pattern[i])
            {
                case '?':
                    i++;
                    return (0, 1);
                case '*':
                    i++;
                    return (0, 3);
                case '+':
                    i++;
                    return (1, 3);
                case '{' when char.IsDigit(pattern[i + 1]):
                    var close = pattern.IndexOf('}', i);
                    var parts = pattern[(i + 1)..close].Split(',');
                    i = close + 1;
                    var min = int.Parse(parts[0]);
                    return (min, parts.Length == 1 ? min : int.Parse(parts[1]));
                default:
                    return (1, 1);
            }
        }

        private static (string Text, int Length) Escape(string pattern, int i) => pattern[i] switch
        {
            'd' => ("0123456789", 1),
            'w' => (Safe + "_", 1),
            's' => (" ", 1),
            'x' => (((char)Convert.ToInt32(pattern.Substring(i + 1, 2), 16)).ToString(), 3),
            'n' => ("\n", 1),
            'r' => ("\r", 1),
            var other => (other.ToString(), 1),
        };

        private string ClassSet(string body)
        {
            var negate = body.StartsWith('^');
            if (negate)
            {
                body = body[1..];
            }

            var chars = new List<char>();
            for (var i = 0; i < body.Length; i++)
            {
                string single;
                if (body[i] == '\\')
                {
                    var (text, length) = Escape(body, i + 1);
                    single = text;
                    i += length;
                }
                else if (i + 2 < body.Length && body[i + 1] == '-')
                {
                    for (var c = body[i]; c <= body[i + 2]; c++)
                    {
                        chars.Add(c);
                    }

                    i += 2;
                    continue;
                }
                else
                {
                    single = body[i].ToString();
                }

                chars.AddRange(single);
            }

            if (negate)
            {
                return new string(Safe.Where(c => !chars.Contains(c)).ToArray());
            }

            // Prefer letters and digits inside wide classes, so a sample never turns into filler by chance.
            var preferred = chars.Where(c => Safe.Contains(c)).ToArray();
            return new string(preferred.Length >= 8 ? preferred : [.. chars]);
        }
    }
}
