using System;
using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>A secret found in a piece of text: its format and where the secret itself lies.</summary>
internal readonly struct SecretMatch
{
    public SecretMatch(SecretFormat format, int start, int length, string? key)
    {
        Format = format;
        Start = start;
        Length = length;
        Key = key;
    }

    public SecretFormat Format { get; }

    public int Start { get; }

    public int Length { get; }

    /// <summary>For connection strings, the key that holds the secret (Password, AccountKey, ...).</summary>
    public string? Key { get; }

    /// <summary>The provider or kind of secret, for messages ("Stripe secret key", "Azure Storage account key").</summary>
    public string Label => Format.Kind == SecretKind.ConnectionString ? ConnectionStringLabel(Key) : Format.Provider;

    public string Mask(string text) => SecretText.Mask(text, Start, Length);

    private static string ConnectionStringLabel(string? key) => key?.ToLowerInvariant() switch
    {
        "accountkey" => "Azure Storage account key",
        "sharedaccesskey" => "Azure shared access key",
        "accesskey" => "Access key",
        "secret" => "Secret",
        _ => "Password",
    };
}

/// <summary>
/// Finds catalog secrets in text: one pass over the characters looks up keywords by their first two characters; only a format
/// whose keyword occurs runs its (lazily compiled, time-limited) regular expression. Nothing is allocated unless a
/// keyword occurs.
/// </summary>
internal static class SecretScanner
{
    [ThreadStatic]
    private static int[]? _tried;

    [ThreadStatic]
    private static int _generation;

    /// <summary>Finds the most specific valid secret in <c>text[start..start+length]</c>: provider tokens and keys before connection strings, URLs and headers.</summary>
    public static bool TryFind(string text, int start, int length, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        if (length < 8)
        {
            return false;
        }

        var catalog = SecretCatalog.Default;
        var buckets = catalog.KeywordBuckets;
        var tried = _tried ??= new int[catalog.Formats.Length];
        var generation = ++_generation;
        var found = false;
        var end = start + length;
        var pairs = catalog.KeywordPairs;
        for (var i = start; i < end - 1; i++)
        {
            var raw = text[i];
            var rawNext = text[i + 1];
            if (raw >= 128 || rawNext >= 128 || !pairs[(raw << 7) | rawNext])
            {
                continue;
            }

            var c = SecretText.ToLowerAscii(raw);
            var next = SecretText.ToLowerAscii(rawNext);

            foreach (var (keyword, format, needsBoundary) in buckets[SecretCatalog.BucketOf(c, next)])
            {
                if (tried[format.Index] == generation || (needsBoundary && i > start && IsAlphanumeric(text[i - 1])) || !StartsWithIgnoreCase(text, i, end, keyword))
                {
                    continue;
                }

                tried[format.Index] = generation;
                if (TryMatch(format, text, start, length, settings, out var candidate)
                    && (!found || Better(candidate, match)))
                {
                    match = candidate;
                    found = true;
                }
            }
        }

        return found;
    }

    private static bool Better(SecretMatch candidate, SecretMatch current) =>
        candidate.Format.Kind < current.Format.Kind
        || (candidate.Format.Kind == current.Format.Kind && candidate.Start < current.Start);

    private static bool TryMatch(SecretFormat format, string text, int start, int length, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        if (format.Kind == SecretKind.ConnectionString && text.IndexOf(';', start, length) < 0)
        {
            return false;
        }

        try
        {
            for (var m = format.Regex.Match(text, start, length); m.Success; m = m.NextMatch())
            {
                var group = m.Groups["s"];
                var secret = group.Success ? group : (Group)m;
                var key = m.Groups["k"];
                if ((!format.IsAnchored || !NamesAnIdentifier(text, m.Index, secret.Index - m.Index))
                    && IsValid(format, text, secret.Index, secret.Length, key.Success ? key.Value : null, settings))
                {
                    match = new SecretMatch(format, secret.Index, secret.Length, key.Success ? key.Value : null);
                    return true;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Hostile or pathological input: give up on this format rather than stall the IDE.
        }

        return false;
    }

    /// <summary>
    /// A value with no prefix of its own (an anchored format: 32 hex digits, a UUID) given to a name, key or call that
    /// holds the provider word: <paramref name="context"/>[contextStart..+contextLength] is searched for the words, the
    /// value must match the format whole. Nothing is allocated unless a provider word occurs.
    /// </summary>
    public static bool TryFindAnchoredValue(string context, int contextStart, int contextLength, string text, int start, int length, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        if (length < 8 || contextLength < 2)
        {
            return false;
        }

        var buckets = SecretCatalog.Default.KeywordBuckets;
        var end = contextStart + contextLength;
        for (var i = contextStart; i < end - 1; i++)
        {
            var c = SecretText.ToLowerAscii(context[i]);
            var next = SecretText.ToLowerAscii(context[i + 1]);
            if (c >= 128 || next >= 128 || !IsWordStart(context, i))
            {
                continue;
            }

            foreach (var (keyword, format, _) in buckets[SecretCatalog.BucketOf(c, next)])
            {
                if (!format.IsAnchored || !StartsWithIgnoreCase(context, i, end, keyword))
                {
                    continue;
                }

                try
                {
                    if (format.ValueRegex.Match(text, start, length).Success && IsValid(format, text, start, length, null, settings))
                    {
                        match = new SecretMatch(format, start, length, null);
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // Give up on this format rather than stall the IDE.
                }
            }
        }

        return false;
    }

    /// <summary>Whether a provider word starts at <paramref name="i"/>: after a non-alphanumeric character or at a camelCase hump (myTwilioToken).</summary>
    public static bool IsWordStart(string text, int i) =>
        i == 0 || !IsAlphanumeric(text[i - 1]) || (text[i] is >= 'A' and <= 'Z' && text[i - 1] is >= 'a' and <= 'z');

    /// <summary>
    /// Whether the words in <paramref name="text"/>[start..+length] (between a provider word and its value, or the
    /// name a value is given to) name an identifier, address or public value rather than a credential: the last word
    /// is Id, Sid, Url, Name, ... (ProjectId, account_sid, BaseUrl), or a word says public (PublicKey, publishable_key).
    /// </summary>
    public static bool NamesAnIdentifier(string text, int start, int length)
    {
        var end = start + length;
        int wordStart = -1, lastStart = -1, lastLength = 0;
        for (var i = start; i <= end; i++)
        {
            var alphanumeric = i < end && IsAlphanumeric(text[i]);
            var hump = alphanumeric && wordStart >= 0 && text[i] is >= 'A' and <= 'Z' && text[i - 1] is >= 'a' and <= 'z';
            if (wordStart >= 0 && (!alphanumeric || hump))
            {
                if (IsWord(text, wordStart, i - wordStart, PublicWords))
                {
                    return true;
                }

                (lastStart, lastLength) = (wordStart, i - wordStart);
                wordStart = -1;
            }

            if (alphanumeric && wordStart < 0)
            {
                wordStart = i;
            }
        }

        return (lastStart >= 0 && IsWord(text, lastStart, lastLength, IdentifierWords)) || IsSearchOnly(text, start, length);
    }

    // Algolia-style search-only keys and reCAPTCHA site keys are public by design.
    private static bool IsSearchOnly(string text, int start, int length)
    {
        var at = SecretText.IndexOfIgnoreCase(text, start, length, "search");
        if (at >= 0)
        {
            var next = at + 6;
            while (next < start + length && text[next] is '_' or '-' or '.' or ' ')
            {
                next++;
            }

            if (SecretText.IndexOfIgnoreCase(text, next, Math.Min(4, start + length - next), "only") == next)
            {
                return true;
            }
        }

        return SecretText.IndexOfIgnoreCase(text, start, length, "sitekey") >= 0 || SecretText.IndexOfIgnoreCase(text, start, length, "site_key") >= 0;
    }

    private static readonly string[] IdentifierWords =
    [
        "id", "ids", "guid", "uuid", "sid", "name", "url", "uri", "host", "endpoint", "region", "user", "username", "email",
        "version", "hash", "sha", "thumbprint", "number", "domain", "zone",
    ];

    private static readonly string[] PublicWords = ["public", "publishable"];

    private static bool IsWord(string text, int start, int length, string[] words)
    {
        foreach (var word in words)
        {
            if (word.Length == length && SecretText.IndexOfIgnoreCase(text, start, length, word) == start)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValid(SecretFormat format, string text, int start, int length, string? key, SecretSettings settings)
    {
        if (format.Examples.Count > 0 && format.Examples.Contains(text.Substring(start, length)))
        {
            return false;
        }

        if (SecretText.IsPlaceholder(text, start, length) || settings.IsAllowed(text, start, length))
        {
            return false;
        }

        if ((format.Crc32Checksum && !SecretText.HasValidCrc32Checksum(text, start, length))
            || (format.Base58Checksum && !SecretText.HasValidBase58Checksum(text, start, length))
            || (format.Crc16Checksum && !SecretText.HasValidCrc16Base32Checksum(text, start, length)))
        {
            return false;
        }

        switch (format.Kind)
        {
            case SecretKind.ConnectionString:
                return IsConnectionStringSecret(text, start, length, key);
            case SecretKind.Url:
                return IsUrlPassword(text, start, length);
            case SecretKind.Header:
                return (format.MinEntropy == 0 || SecretText.Entropy(text, start, length) >= format.MinEntropy) && !IsPlaceholderBasicCredential(text, start, length);
            case SecretKind.Token when format.Id == "jwt" && IsPublicJwt(text, start, length):
                return false;
            default:
                // A value with no prefix that holds seven repeated or counting characters (0123456789abcdef) is a filler.
                return (format.MinEntropy == 0 || SecretText.Entropy(text, start, length) >= format.MinEntropy)
                    && (!format.IsAnchored || !SecretText.HasFillerRun(text, start, length, 7));
        }
    }

    // A JWT whose payload gives the anonymous role (Supabase and PostgREST anon keys) is meant to ship in clients.
    private static bool IsPublicJwt(string text, int start, int length)
    {
        var firstDot = text.IndexOf('.', start, length);
        var secondDot = firstDot < 0 ? -1 : text.IndexOf('.', firstDot + 1, start + length - firstDot - 1);
        if (secondDot < 0 || secondDot - firstDot > 4000)
        {
            return false;
        }

        var payload = DecodeBase64Url(text, firstDot + 1, secondDot - firstDot - 1);
        return payload is not null && payload.Replace(" ", string.Empty).IndexOf("\"role\":\"anon\"", StringComparison.Ordinal) >= 0;
    }

    private static string? DecodeBase64Url(string text, int start, int length)
    {
        var chars = new char[(length + 3) / 4 * 4];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i < length ? text[start + i] switch { '-' => '+', '_' => '/', var c => c } : '=';
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64CharArray(chars, 0, chars.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // "Basic dXNlcjpwYXNzd29yZA==" is user:password, the documentation example: decode Basic values and look at the password.
    private static bool IsPlaceholderBasicCredential(string text, int start, int length) =>
        start >= 6 && SecretText.IndexOfIgnoreCase(text, start - 6, 6, "basic ") == start - 6 && IsPlaceholderBasicValue(text, start, length);

    /// <summary>Whether base64 user:password <paramref name="text"/>[start..+length] holds a placeholder or trivial password.</summary>
    public static bool IsPlaceholderBasicValue(string text, int start, int length)
    {
        if (length > 400)
        {
            return false;
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text.Substring(start, length)));
            var colon = decoded.IndexOf(':');
            return colon >= 0 && (decoded.Length - colon - 1 < 4 || CredentialNames.IsCommonPlaceholder(decoded, colon + 1, decoded.Length - colon - 1)
                || SecretText.IsPlaceholder(decoded, colon + 1, decoded.Length - colon - 1));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// A value shaped like a checksummed token (ghp_, npm_, ...) whose checksum fails was typed by hand (a documentation
    /// or test value); no rule reports it, whatever name it is given to.
    /// </summary>
    public static bool IsHandTypedChecksumToken(string value)
    {
        if (value.Length < 20 || value.IndexOf('_') < 0)
        {
            return false;
        }

        foreach (var format in SecretCatalog.Default.Formats)
        {
            if (format.Crc32Checksum && format.ValueRegex.IsMatch(value))
            {
                return !SecretText.HasValidCrc32Checksum(value, 0, value.Length);
            }
        }

        return false;
    }

    private static bool IsConnectionStringSecret(string text, int start, int length, string? key)
    {
        var first = text[start];
        if (first is '{' or '$' or '%' or '[' or '@' || CredentialNames.IsCommonPlaceholder(text, start, length))
        {
            return false;
        }

        var isPassword = key is not null && (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase));
        return isPassword
            ? !SecretText.HasFillerRun(text, start, length, 4)
            : length >= 20 && SecretText.Entropy(text, start, length) >= 3.0 && !SecretText.HasFillerRun(text, start, length, 7);
    }

    private static bool IsUrlPassword(string text, int start, int length)
    {
        // Short fillers (xxx, 123) are placeholders; a long random password may hold a run of three by chance.
        if (text[start] is '{' or '$' or '%' || CredentialNames.IsCommonPlaceholder(text, start, length) || SecretText.HasFillerRun(text, start, length, length <= 12 ? 3 : 6))
        {
            return false;
        }

        // A '/' is allowed in the password for base64 secrets (user:AbC/d+e@host); a port and path (host:8080/a@b) is not one.
        var slash = text.IndexOf('/', start, length);
        if (slash >= 0 && (length < 20 || text[start] is >= '0' and <= '9' or '/' || SecretText.Entropy(text, start, length) < 4.0))
        {
            return false;
        }

        // scheme://user:password@ where the password repeats the user name is a local default, not a leaked secret.
        var colon = start - 1;
        var userStart = text.LastIndexOf('/', colon) + 1;
        return colon - userStart != length || string.CompareOrdinal(text, userStart, text, start, length) != 0;
    }

    public static bool IsAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static bool StartsWithIgnoreCase(string text, int index, int end, string keyword)
    {
        if (end - index < keyword.Length)
        {
            return false;
        }

        for (var j = 0; j < keyword.Length; j++)
        {
            if (SecretText.ToLowerAscii(text[index + j]) != keyword[j])
            {
                return false;
            }
        }

        return true;
    }
}
