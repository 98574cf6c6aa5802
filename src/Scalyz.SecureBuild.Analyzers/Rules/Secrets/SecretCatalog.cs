using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>What a format detects, which decides the rule that reports it.</summary>
internal enum SecretKind
{
    /// <summary>A provider token or key (SSB1001).</summary>
    Token,

    /// <summary>A private key block (SSB1004).</summary>
    PrivateKey,

    /// <summary>A password or key inside a connection string (SSB1003).</summary>
    ConnectionString,

    /// <summary>A password inside a URL (SSB1005).</summary>
    Url,

    /// <summary>A literal Basic/Bearer authorization value or curl credentials (SSB1002).</summary>
    Header,
}

/// <summary>One secret format of the embedded catalog (SecretFormats.tsv).</summary>
internal sealed class SecretFormat
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
    private readonly string _pattern;
    private Regex? _regex;

    private Regex? _valueRegex;

    public SecretFormat(int index, string id, SecretKind kind, string provider, ImmutableArray<string> keywords, double minEntropy, bool crc32Checksum, ImmutableHashSet<string> examples, string pattern, bool anchored = false, bool base58Checksum = false, bool crc16Checksum = false)
    {
        IsAnchored = anchored;
        Base58Checksum = base58Checksum;
        Crc16Checksum = crc16Checksum;
        Index = index;
        Id = id;
        Kind = kind;
        Provider = provider;
        Keywords = keywords;
        MinEntropy = minEntropy;
        Crc32Checksum = crc32Checksum;
        Examples = examples;
        _pattern = pattern;
    }

    public int Index { get; }

    /// <summary>
    /// A keyword-anchored format: the value has no prefix of its own (a Twilio auth token is 32 hex digits), so it
    /// counts only next to a provider word: in the same text (a comment, a URL, a .env line) or in the name, key or
    /// call the literal is given to.
    /// </summary>
    public bool IsAnchored { get; }

    public string Id { get; }

    public SecretKind Kind { get; }

    public string Provider { get; }

    public ImmutableArray<string> Keywords { get; }

    public double MinEntropy { get; }

    public bool Crc32Checksum { get; }

    /// <summary>The value is base58 whose last four bytes are the first four of the double SHA-256 of the rest (BIP32 extended keys).</summary>
    public bool Base58Checksum { get; }

    /// <summary>The value is unpadded base32 whose last two bytes are the CRC-16 (XMODEM, little-endian) of the rest (Stellar strkeys, NATS nkeys).</summary>
    public bool Crc16Checksum { get; }

    public ImmutableHashSet<string> Examples { get; }

    /// <summary>The pattern as written in the catalog (tests generate sample tokens from it).</summary>
    public string Pattern => _pattern;

    /// <summary>Whether every match of this format starts with <paramref name="keyword"/> right after a non-alphanumeric character.</summary>
    public bool StartsWithBoundedKeyword(string keyword)
    {
        if (Kind != SecretKind.Token || IsAnchored || _pattern.StartsWith("(", StringComparison.Ordinal))
        {
            return false;
        }

        var prefix = new System.Text.StringBuilder();
        for (var i = 0; i < _pattern.Length && prefix.Length < keyword.Length; i++)
        {
            var c = _pattern[i];
            if (c == '\\' && i + 1 < _pattern.Length && !char.IsLetterOrDigit(_pattern[i + 1]))
            {
                prefix.Append(_pattern[++i]);
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '~' or '$' or '/')
            {
                prefix.Append(c);
            }
            else
            {
                return false;
            }
        }

        return string.Equals(prefix.ToString(), keyword, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Compiled on first use, so formats that never see their keyword cost nothing; the timeout keeps hostile input from hanging the IDE.</summary>
    public Regex Regex => _regex ??= new Regex(Bounded(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);

    /// <summary>For anchored formats: the value alone, matched against a whole literal or configuration value.</summary>
    public Regex ValueRegex => _valueRegex ??= new Regex("^(?:" + _pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);

    // Between a provider word and its value: the rest of the name (AuthToken, _API_KEY, .com/v1/send?auth_token) and
    // up to four separators or short words (": ", "\" = \"", "=", " token: "), never a line break.
    private const string Bridge = @"(?:[^\s\x22'<>]{0,40}?[ \t:=\x22',/()\[\]{}>|\\&?]{1,8}){1,4}?";

    // Token formats must not start or end inside a longer run of letters and digits, nor start after '_' or '-' (the
    // live_ of pk_live_, the api- of orders-api-<uuid> are the tail of another word, not a prefix); context formats
    // (those starting with a case-insensitive key name) and structural ones carry their own anchoring.
    private string Bounded() =>
        IsAnchored
            ? @"(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:" + string.Join("|", Keywords.Select(Regex.Escape)) + ")" + Bridge + "(?<s>" + _pattern + ")(?![A-Za-z0-9])"
        : Kind == SecretKind.Token && !_pattern.StartsWith("(?i:", StringComparison.Ordinal)
            ? "(?<![A-Za-z0-9_\\-])(?:" + _pattern + ")(?![A-Za-z0-9])"
            : "(?:" + _pattern + ")";
}

/// <summary>
/// The embedded catalog of secret formats, parsed once, with a keyword table indexed by the first two characters, so
/// that a literal is searched for keywords in one pass and only formats whose keyword occurs run their regular expression.
/// </summary>
internal sealed class SecretCatalog
{
    private static readonly Lazy<SecretCatalog> Instance = new(Load);

    private SecretCatalog(ImmutableArray<SecretFormat> formats)
    {
        Formats = formats;
        var buckets = new List<(string Keyword, SecretFormat Format, bool NeedsBoundary)>[128 * 128];
        foreach (var format in formats)
        {
            foreach (var keyword in format.Keywords)
            {
                (buckets[BucketOf(keyword[0], keyword[1])] ??= []).Add((keyword, format, format.StartsWithBoundedKeyword(keyword)));
            }
        }

        AnchoredBuckets = new bool[128 * 128];
        foreach (var format in formats)
        {
            if (format.IsAnchored)
            {
                foreach (var keyword in format.Keywords)
                {
                    AnchoredBuckets[BucketOf(keyword[0], keyword[1])] = true;
                }
            }
        }

        KeywordBuckets = new (string Keyword, SecretFormat Format, bool NeedsBoundary)[128 * 128][];
        for (var c = 0; c < buckets.Length; c++)
        {
            KeywordBuckets[c] = buckets[c]?.ToArray() ?? [];
        }

        KeywordPairs = new bool[128 * 128];
        for (var first = 0; first < 128; first++)
        {
            for (var second = 0; second < 128; second++)
            {
                KeywordPairs[(first << 7) | second] = KeywordBuckets[BucketOf(SecretText.ToLowerAscii((char)first), SecretText.ToLowerAscii((char)second))].Length > 0;
            }
        }
    }

    /// <summary>The catalog shipped in the analyzer assembly.</summary>
    public static SecretCatalog Default => Instance.Value;

    public ImmutableArray<SecretFormat> Formats { get; }

    /// <summary>Keywords indexed by their first two (lowercase ASCII) characters, see <see cref="BucketOf"/>.</summary>
    /// <remarks>NeedsBoundary: the format's match starts with the keyword after a non-alphanumeric character, so an occurrence inside a word (Task, Path) cannot match.</remarks>
    public (string Keyword, SecretFormat Format, bool NeedsBoundary)[][] KeywordBuckets { get; }

    /// <summary>
    /// Whether a keyword starts with these two characters as written (either case), indexed by (first &lt;&lt; 7) | second:
    /// most pairs of a text start none, and are turned away by one lookup before anything is lowercased.
    /// </summary>
    public bool[] KeywordPairs { get; }

    /// <summary>Whether some anchored format's keyword starts with the bucket's two characters (the text pass looks at nothing else inside a token it has read).</summary>
    public bool[] AnchoredBuckets { get; }

    public static int BucketOf(char first, char second) => (first * 128) + second;

    /// <summary>Parses catalog text; throws <see cref="FormatException"/> naming the line for a malformed entry.</summary>
    public static SecretCatalog Parse(TextReader reader)
    {
        var formats = ImmutableArray.CreateBuilder<SecretFormat>();
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 8)
            {
                throw new FormatException($"SecretFormats.tsv line {lineNumber}: expected 8 tab-separated fields, found {fields.Length}.");
            }

            var kind = fields[1] switch
            {
                "token" or "anchored" => SecretKind.Token,
                "privatekey" => SecretKind.PrivateKey,
                "connstr" => SecretKind.ConnectionString,
                "url" => SecretKind.Url,
                "header" => SecretKind.Header,
                _ => throw new FormatException($"SecretFormats.tsv line {lineNumber}: unknown kind '{fields[1]}'."),
            };
            var keywords = fields[3].Split(',');
            foreach (var keyword in keywords)
            {
                if (keyword.Length < 2 || keyword[0] >= 128 || keyword[1] >= 128 || HasUpper(keyword))
                {
                    throw new FormatException($"SecretFormats.tsv line {lineNumber}: keyword '{keyword}' must be lowercase ASCII of two characters or more.");
                }
            }

            var entropy = fields[4] == "-" ? 0 : double.Parse(fields[4], CultureInfo.InvariantCulture);
            var examples = fields[6] == "-" ? ImmutableHashSet<string>.Empty : ImmutableHashSet.Create(StringComparer.Ordinal, fields[6].Split(','));
            formats.Add(new SecretFormat(formats.Count, fields[0], kind, fields[2], ImmutableArray.Create(keywords), entropy, fields[5] == "crc32b62", examples, fields[7], fields[1] == "anchored", fields[5] == "base58check", fields[5] == "crc16b32"));
        }

        return new SecretCatalog(formats.ToImmutable());
    }

    private static bool HasUpper(string keyword)
    {
        foreach (var c in keyword)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    private static SecretCatalog Load()
    {
        using var stream = typeof(SecretCatalog).Assembly.GetManifestResourceStream("Scalyz.SecureBuild.Analyzers.Rules.Secrets.SecretFormats.tsv")
            ?? throw new InvalidOperationException("The embedded secret catalog is missing from the analyzer assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
