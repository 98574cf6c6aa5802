using System;
using System.Collections.Immutable;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// Issue 12, fifth round: general mechanisms that read a secret by where it sits rather than by its provider's format.
/// Each is gated on words or characters first, so text that is not a candidate costs a few comparisons:
/// <list type="bullet">
/// <item>URL keys: a random token as a URL path segment after a key, token or hook word (/with/key/..., /hooks/...,
/// /v2/...) or under a host that says hook, webhook, trigger, notify, push, callback or rpc; a random token as a
/// URL's user name (https://token@host, https://token:@host); a short random token in a credential query parameter.</item>
/// <item>Prose: a credential word followed by "is", "was", "->", "=>", &lt;c&gt; or a backtick, then the value
/// ("the api key is ...", "token -> ...", "the restricted key &lt;c&gt;...&lt;/c&gt;"); in comments a strongly random
/// value may follow the word directly.</item>
/// <item>Credential files: a password piped to docker login --password-stdin, an ASP.NET Data Protection key ring's
/// &lt;masterKey&gt; &lt;value&gt;, a keypair file (a JSON array of 64 byte values).</item>
/// </list>
/// </summary>
internal static class GeneralCredentials
{
    private static readonly SecretFormat UrlKeyFormat = new(-1, "url-key", SecretKind.Token, "The key in a webhook or API URL", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    private static readonly SecretFormat ProseFormat = new(-1, "prose-credential", SecretKind.Header, "Credential", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    private static readonly SecretFormat KeyRingFormat = new(-1, "dataprotection-master-key", SecretKind.PrivateKey, "ASP.NET Data Protection master key", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    private static readonly SecretFormat KeypairFormat = new(-1, "keypair-bytes", SecretKind.PrivateKey, "Keypair file (secret key bytes)", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    // Path segments after which a random segment is a key: /with/key/<k>, /hooks/<k>, /token/<k>, /v2/<k> (Alchemy-style RPC keys).
    private static readonly string[] KeySegments =
    [
        "key", "apikey", "api-key", "api_key", "token", "secret", "hook", "hooks", "webhook", "webhooks", "trigger",
        "triggers", "notify", "push", "callback", "callbacks", "rpc", "catch", "send", "bot", "robot", "incoming", "ingest",
    ];

    // Host labels that make the whole path a webhook: hook.eu1.make.com, hooks.example.com, notify.example.com.
    // Blockchain node hosts (<name>.quiknode.pro, nodes.example.io) carry the key as their first path segment.
    private static readonly string[] HookHostWords = ["hook", "webhook", "trigger", "notify", "push", "callback", "rpc", "node"];

    // A path segment holding one of these (hooks, incomingWebhooks, /hook/, /integrations/ of alerting endpoints such as
    // Splunk On-Call's and PagerDuty's) makes every later random segment the hook's
    // key, also past ids and action words (/workspaces/{id}/incomingWebhooks/postMessage/<token>, /hooks/sendMessage/<token>).
    private static readonly string[] HookPathWords = ["hook", "integration"];

    /// <summary>The first three characters (lowercase) of what may start one of this class's candidates; the text pass looks at nothing else.</summary>
    public static readonly string[] StartPairs = ["<va", "--p", "key", "tok", "sec", "pas", "pwd", "api", "cre"];

    /// <summary>
    /// Whether a candidate of this class may start at <paramref name="i"/> in C# source text: "&lt;value&gt;" (key ring),
    /// "--password-stdin", or a credential word followed by a space or a backtick (prose: "key is", "token -&gt;",
    /// "secret &lt;c&gt;", "token `"). Separators alone (" is ") are not looked at: they are everywhere in comments.
    /// </summary>
    public static bool MayStartAt(string text, int i)
    {
        var c = text[i];
        if (i == 0 || i + 4 >= text.Length)
        {
            return false;
        }

        switch (c)
        {
            case '-':
                return text[i + 1] == '-' && Matches(text, i, "--password-stdin");
            case '<':
                return Matches(text, i, "<value>");
            default:
                return !IsWordChar(text[i - 1]) && CredentialWordLength(text, i) is var length and > 0 && i + length < text.Length && text[i + length] is ' ' or '`';
        }
    }

    /// <summary>Finds one of this class's candidates in <paramref name="text"/>[start..+length].</summary>
    public static bool TryFind(string text, int start, int length, SecretSettings settings, out SecretMatch match, bool inComment = false)
    {
        match = default;
        var end = start + length;
        if (length < 12)
        {
            return false;
        }

        return TryUrlKey(text, start, end, settings, out match)
            || TryDockerPasswordStdin(text, start, end, settings, out match)
            || TryKeyRing(text, start, end, settings, out match)
            || TryProse(text, start, end, settings, inComment, out match)
            || ContextCredentials.TryFind(text, start, length, settings, out match);
    }

    // ------------------------------------------------------------------ URLs

    private static bool TryUrlKey(string text, int start, int end, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        for (var at = text.IndexOf("://", start, end - start, StringComparison.Ordinal); at > start; at = text.IndexOf("://", at + 3, end - at - 3, StringComparison.Ordinal))
        {
            var schemeStart = at;
            while (schemeStart > start && IsLetter(text[schemeStart - 1]))
            {
                schemeStart--;
            }

            if (at - schemeStart < 2)
            {
                continue;
            }

            var urlEnd = at + 3;
            while (urlEnd < end && text[urlEnd] is not (' ' or '\t' or '\r' or '\n' or '"' or '\'' or '<' or '>' or '`' or ')' or '(' or '[' or ']' or '{' or '}' or '\\'))
            {
                urlEnd++;
            }

            if (TryUrl(text, at + 3, urlEnd, settings, out match))
            {
                return true;
            }

            if (urlEnd >= end - 3)
            {
                break;
            }
        }

        return false;
    }

    private static bool TryUrl(string text, int authorityStart, int urlEnd, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var authorityEnd = authorityStart;
        while (authorityEnd < urlEnd && text[authorityEnd] is not ('/' or '?' or '#'))
        {
            authorityEnd++;
        }

        // https://<token>@host or https://<token>:@host: a token used as the user name (package feeds, Git hosts).
        var atSign = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (atSign > authorityStart && !IsDsnPath(text, authorityEnd, urlEnd))
        {
            var colon = text.IndexOf(':', authorityStart, atSign - authorityStart);
            var userEnd = colon < 0 ? atSign : colon;
            var passwordLength = colon < 0 ? 0 : atSign - colon - 1;
            if ((passwordLength == 0 || (passwordLength <= 3 && IsFiller(text, colon + 1, passwordLength)))
                && IsRandomToken(text, authorityStart, userEnd - authorityStart, 20, allowDashedUuid: false, allowDot: true) && IsClean(text, authorityStart, userEnd - authorityStart, settings))
            {
                match = new SecretMatch(UrlKeyFormat, authorityStart, userEnd - authorityStart, null);
                return true;
            }
        }

        var hostStart = atSign > authorityStart ? atSign + 1 : authorityStart;
        var hookHost = ContainsAnyWord(text, hostStart, authorityEnd - hostStart, HookHostWords);

        // Path segments: a random one after a key or hook word, or anywhere under a hook host.
        var segmentStart = authorityEnd;
        var previousStart = -1;
        var previousLength = 0;
        var hookPath = false;
        while (segmentStart < urlEnd && text[segmentStart] == '/')
        {
            var segmentEnd = segmentStart + 1;
            while (segmentEnd < urlEnd && text[segmentEnd] is not ('/' or '?' or '#'))
            {
                segmentEnd++;
            }

            var s = segmentStart + 1;
            var n = segmentEnd - s;
            if (n >= 20 && (previousStart >= 0 || hookHost || IsFeedKeySegment(text, s, n, segmentEnd, urlEnd)))
            {
                var afterKeyWord = hookPath || (previousStart >= 0 && IsAnyWord(text, previousStart, previousLength, KeySegments));
                var afterVersion = previousStart >= 0 && previousLength == 2 && text[previousStart] == 'v' && text[previousStart + 1] is >= '1' and <= '9';
                if (!HasIdPrefix(text, s, n)
                    && (((afterKeyWord || hookHost) && IsRandomToken(text, s, n, 20, allowDashedUuid: afterKeyWord) && IsClean(text, s, n, settings))
                        || (afterVersion && IsRandomToken(text, s, n, 24, allowDashedUuid: false) && !IsHex(text, s, n) && IsClean(text, s, n, settings))
                        || (IsPathKey(text, authorityEnd, s, n, segmentEnd, urlEnd) && IsClean(text, s, n, settings))))
                {
                    match = new SecretMatch(UrlKeyFormat, s, n, null);
                    return true;
                }
            }

            hookPath = hookPath || (n is >= 4 and < 20 && ContainsAnyWord(text, s, n, HookPathWords));
            (previousStart, previousLength) = (s, n);
            segmentStart = segmentEnd;
        }

        // Query parameters named like credentials whose value is too short for the general rule (12 to 15 characters).
        if (segmentStart < urlEnd && text[segmentStart] == '?')
        {
            var p = segmentStart + 1;
            while (p < urlEnd)
            {
                var eq = p;
                while (eq < urlEnd && text[eq] is not ('=' or '&' or '#'))
                {
                    eq++;
                }

                var valueEnd = eq;
                while (valueEnd < urlEnd && text[valueEnd] is not ('&' or '#'))
                {
                    valueEnd++;
                }

                if (eq < urlEnd && text[eq] == '=' && valueEnd - eq - 1 is >= 12 and <= 15 && eq - p is >= 3 and <= 30
                    && CredentialNames.Classify(text.Substring(p, eq - p)) != CredentialKind.None
                    && IsShortRandom(text, eq + 1, valueEnd - eq - 1) && IsClean(text, eq + 1, valueEnd - eq - 1, settings))
                {
                    match = new SecretMatch(UrlKeyFormat, eq + 1, valueEnd - eq - 1, null);
                    return true;
                }

                p = valueEnd + 1;
            }
        }

        return false;
    }

    // Keys that are path segments of API URLs with no key word before them (round 9):
    // - a NuGet v3 feed whose index sits right under a GUID or random segment (https://nuget.example.io/<key>/v3/index.json):
    //   a feed's name is a word, a per-customer key is not;
    // - a random mixed-case segment (upper, lower and digits, no '-', '_' or '.': not a slug, hex id or GUID) under an /api/
    //   path (https://ipqualityscore.com/api/json/ip/<key>/...): REST ids are numbers, GUIDs or hex, keys are base62.
    private static bool IsPathKey(string text, int pathStart, int s, int n, int segmentEnd, int urlEnd) =>
        IsFeedKeySegment(text, s, n, segmentEnd, urlEnd)
        || (n >= 24 && IsMixedBase62(text, s, n) && IndexOf(text, pathStart, s, "/api/") >= 0 && IsRandomToken(text, s, n, 24, allowDashedUuid: false));

    private static bool IsFeedKeySegment(string text, int s, int n, int segmentEnd, int urlEnd) =>
        (HasAt(text, segmentEnd, urlEnd, "/v3/index.json") || HasAt(text, segmentEnd, urlEnd, "/api/v3/index.json"))
        && (SecretText.IsGuid(text, s, n) || (IsMixedBase62(text, s, n) && IsRandomToken(text, s, n, 20, allowDashedUuid: false)));

    private static bool HasAt(string text, int at, int end, string word) =>
        at + word.Length <= end && string.CompareOrdinal(text, at, word, 0, word.Length) == 0;

    private static bool IsMixedBase62(string text, int start, int length) => IsUpperLowerDigitRun(text, start, length, separators: false);

    // Upper, lower and digit, and nothing but alphanumerics (and, when asked, '-', '_' and '.').
    private static bool IsUpperLowerDigitRun(string text, int start, int length, bool separators)
    {
        bool upper = false, lower = false, digit = false;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            upper |= c is >= 'A' and <= 'Z';
            lower |= c is >= 'a' and <= 'z';
            digit |= c is >= '0' and <= '9';
            if (!(IsAlphanumeric(c) || (separators && c is '-' or '_' or '.')))
            {
                return false;
            }
        }

        return upper && lower && digit;
    }

    // A DSN (https://<public key>@host/<project number>, Sentry's shape) carries a client key that is public by design.
    private static bool IsDsnPath(string text, int pathStart, int urlEnd)
    {
        if (pathStart + 1 >= urlEnd || text[pathStart] != '/')
        {
            return false;
        }

        for (var i = pathStart + 1; i < urlEnd; i++)
        {
            if (text[i] is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    // we_1Kq..., wh_3Fz...: REST resource ids carry a short lowercase type prefix (GET /v1/webhooks/we_...); keys of that
    // shape are catalog formats and found by them.
    private static bool HasIdPrefix(string text, int start, int length)
    {
        var underscore = text.IndexOf('_', start, Math.Min(length, 6));
        if (underscore <= start)
        {
            return false;
        }

        for (var i = start; i < underscore; i++)
        {
            if (text[i] is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a string ends with a URL whose last path segment is a key or hook word, or whose host says hook
    /// ("https://hooks.example.com/services/" + "..."): the literal concatenated after it is the URL's key.
    /// </summary>
    public static bool EndsWithKeyPath(string prefix)
    {
        if (prefix.Length < 12 || prefix[prefix.Length - 1] != '/')
        {
            return false;
        }

        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 2)
        {
            return false;
        }

        var hostStart = scheme + 3;
        var hostEnd = prefix.IndexOf('/', hostStart);
        var last = prefix.LastIndexOf('/', prefix.Length - 2) + 1;
        return (hostEnd > hostStart && ContainsAnyWord(prefix, hostStart, hostEnd - hostStart, HookHostWords))
            || (last > hostEnd && IsAnyWord(prefix, last, prefix.Length - 1 - last, KeySegments))
            || (hostEnd > hostStart && ContainsAnyWord(prefix, hostEnd, prefix.Length - hostEnd, HookPathWords));
    }

    // Upper, lower and digit in 12 to 15 url-safe characters: a short API token, not a word, number or id.
    private static bool IsShortRandom(string text, int start, int length) =>
        IsUpperLowerDigitRun(text, start, length, separators: true) && SecretText.Entropy(text, start, length) >= 3.3;

    /// <summary>
    /// A random token: <paramref name="minLength"/> to 200 url-safe characters with letters and digits, high entropy and no
    /// filler run; mixed case, or at least 32 lowercase hex, or at least 24 lowercase-and-digit characters. A dashed UUID only when asked.
    /// </summary>
    public static bool IsRandomToken(string text, int start, int length, int minLength, bool allowDashedUuid, bool allowDot = false)
    {
        if (length < minLength || length > 200)
        {
            return false;
        }

        if (SecretText.IsGuid(text, start, length))
        {
            return allowDashedUuid;
        }

        bool upper = false, lower = false, digit = false;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            if (c is >= 'A' and <= 'Z')
            {
                upper = true;
            }
            else if (c is >= 'a' and <= 'z')
            {
                lower = true;
            }
            else if (c is >= '0' and <= '9')
            {
                digit = true;
            }
            else if (c is not ('-' or '_') && !(allowDot && c == '.'))
            {
                return false;
            }
        }

        if (!digit || !(upper || lower) || SecretText.HasFillerRun(text, start, length, 5))
        {
            return false;
        }

        var shaped = (upper && lower) || (IsHex(text, start, length) && length >= 32) || (!upper && length >= 24);
        return shaped && SecretText.Entropy(text, start, length) >= (upper && lower ? 3.8 : 3.4);
    }

    private static bool IsClean(string text, int start, int length, SecretSettings settings) =>
        !SecretText.IsPlaceholder(text, start, length) && !settings.IsAllowed(text, start, length) && !CredentialNames.IsCommonPlaceholder(text, start, length);

    private static bool IsFiller(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is not ('x' or 'X' or '_' or '-' or '0'))
            {
                return false;
            }
        }

        return true;
    }

    // ------------------------------------------------------------------ credential files

    // echo "<p>" | docker login host -u user --password-stdin (also printf, and the value piped to any login that reads stdin).
    private static bool TryDockerPasswordStdin(string text, int start, int end, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var flag = IndexOf(text, start, end, "--password-stdin");
        if (flag < 0)
        {
            return false;
        }

        var lineStart = text.LastIndexOf('\n', flag, flag - start) + 1;
        var pipe = text.LastIndexOf('|', flag, flag - lineStart);
        if (pipe < 0)
        {
            return false;
        }

        var echo = IndexOf(text, lineStart, pipe, "echo ");
        var printf = echo < 0 ? IndexOf(text, lineStart, pipe, "printf ") : -1;
        if (echo < 0 && printf < 0)
        {
            return false;
        }

        var valueStart = echo >= 0 ? echo + 5 : printf + 7;
        while (valueStart < pipe && text[valueStart] == ' ')
        {
            valueStart++;
        }

        if (valueStart < pipe && text[valueStart] == '-' && text[valueStart + 1] == 'n' && text[valueStart + 2] == ' ')
        {
            valueStart += 3;
        }

        if (valueStart < pipe && text[valueStart] is '"' or '\'')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < pipe && text[valueEnd] is not (' ' or '"' or '\''))
        {
            valueEnd++;
        }

        var n = valueEnd - valueStart;
        if (n < 8 || !CredentialNames.IsSecretValue(CredentialKind.Password, text.Substring(valueStart, n), settings))
        {
            return false;
        }

        match = new SecretMatch(ProseFormat, valueStart, n, null);
        return true;
    }

    // ASP.NET Data Protection key ring XML: <masterKey ...> ... <value>base64</value> holds the key itself when unencrypted.
    private static bool TryKeyRing(string text, int start, int end, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var value = IndexOf(text, start, end, "<value>");
        if (value < 0)
        {
            return false;
        }

        var master = text.LastIndexOf("<masterKey", value, Math.Min(value - start, 400), StringComparison.OrdinalIgnoreCase);
        var valueStart = value + 7;
        var valueEnd = text.IndexOf('<', valueStart, end - valueStart);
        if (master < 0 || valueEnd < 0)
        {
            return false;
        }

        var n = valueEnd - valueStart;
        if (n < 32 || !IsBase64(text, valueStart, n) || SecretText.Entropy(text, valueStart, n) < 4.0 || !IsClean(text, valueStart, n, settings))
        {
            return false;
        }

        match = new SecretMatch(KeyRingFormat, valueStart, n, null);
        return true;
    }

    /// <summary>
    /// A keypair or secret key written as a JSON array of byte values (a Solana CLI keypair file: 64 numbers of 0-255;
    /// an ethers or libsodium secret key: 32 or 64), at least half of them distinct. 32 counts only under a key name
    /// (<paramref name="keyNamed"/>).
    /// </summary>
    public static bool TryKeyBytes(string text, bool keyNamed, out SecretMatch match)
    {
        match = default;
        var open = text.IndexOf('[');
        if (open < 0 || text.Length - open < 64)
        {
            return false;
        }

        var count = 0;
        var distinct = 0;
        var seen = new bool[256];
        var number = -1;
        var i = open + 1;
        for (; i < text.Length && text[i] != ']'; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                number = number < 0 ? c - '0' : (number * 10) + (c - '0');
                if (number > 255)
                {
                    return false;
                }
            }
            else if (c is ',' or ' ' or '\n' or '\r' or '\t')
            {
                if (number >= 0)
                {
                    count++;
                    distinct += seen[number] ? 0 : 1;
                    seen[number] = true;
                    number = -1;
                }
            }
            else
            {
                return false;
            }
        }

        if (number >= 0)
        {
            count++;
            distinct += seen[number] ? 0 : 1;
        }

        if (i >= text.Length || !(count == 64 || (keyNamed && count == 32)) || distinct < count / 2)
        {
            return false;
        }

        match = new SecretMatch(KeypairFormat, open, i - open + 1, null);
        return true;
    }

    // ------------------------------------------------------------------ prose

    // "password is X", "the api key is X", "token -> X", "secret => X", "the restricted key <c>X</c>", "token `X`";
    // in comments, "API key X" when X is strongly random.
    private static bool TryProse(string text, int start, int end, SecretSettings settings, bool inComment, out SecretMatch match)
    {
        match = default;
        for (var i = start; i < end - 3; i++)
        {
            if (IsWordChar(text[i]) && (i == start || !IsWordChar(text[i - 1])) && CredentialWordLength(text, i) is var wordLength and > 0
                && (i + wordLength == end || !IsWordChar(text[i + wordLength])))
            {
                if (TryProseAfter(text, start, end, i, wordLength, settings, inComment, out match))
                {
                    return true;
                }

                i += wordLength - 1;
            }
        }

        return false;
    }

    private static bool TryProseAfter(string text, int start, int end, int wordStart, int wordLength, SecretSettings settings, bool inComment, out SecretMatch match)
    {
        match = default;

        // The name: the credential word and up to two words before it ("the api key", "Stripe secret").
        var nameStart = wordStart;
        for (var words = 0; words < 2 && nameStart - 2 > start && text[nameStart - 1] == ' ' && IsLetter(text[nameStart - 2]); words++)
        {
            var w = nameStart - 1;
            while (w > start && IsWordChar(text[w - 1]))
            {
                w--;
            }

            nameStart = w;
        }

        var wordEnd = wordStart + wordLength;
        var kind = ClassifyTail(text, nameStart, wordEnd);
        if (kind == CredentialKind.None)
        {
            return false;
        }

        // The separator: "is", "was", "->", "=>", "<c>", a backtick or a quote; none at all only in comments.
        var p = wordEnd;
        while (p < end && text[p] == ' ')
        {
            p++;
        }

        var strong = false;
        if (StartsWithWord(text, p, end, "is") || StartsWithWord(text, p, end, "was"))
        {
            p += text[p] == 'i' ? 2 : 3;
        }
        else if (p + 1 < end && text[p + 1] == '>' && text[p] is '-' or '=')
        {
            p += 2;
        }
        else if (p < end && text[p] is '<' or '`' or '"' or '\'')
        {
            // read below
        }
        else if (inComment && p > wordEnd)
        {
            strong = true;
        }
        else
        {
            return false;
        }

        while (p < end && text[p] == ' ')
        {
            p++;
        }

        if (p + 3 <= end && text[p] == '<' && text[p + 1] == 'c' && text[p + 2] == '>')
        {
            p += 3;
        }
        else if (p < end && text[p] is '`' or '"' or '\'')
        {
            p++;
        }
        else if (p < end && text[p] == '<')
        {
            return false;
        }

        var valueEnd = p;
        while (valueEnd < end && valueEnd - p < 400 && text[valueEnd] is not (' ' or '\t' or '\r' or '\n' or '"' or '\'' or '`' or '<' or ',' or ';' or ')'))
        {
            valueEnd++;
        }

        while (valueEnd > p && text[valueEnd - 1] is '.' or ':')
        {
            valueEnd--;
        }

        var n = valueEnd - p;
        if (n < 8)
        {
            return false;
        }

        var value = text.Substring(p, n);
        var ok = strong
            ? kind == CredentialKind.Key && IsRandomToken(value, 0, n, 24, allowDashedUuid: false) && HasUpperLowerDigit(value) && CredentialNames.IsSecretValue(kind, value, settings)
            : CredentialNames.IsSecretValue(kind, value, settings) && (kind == CredentialKind.Key || HasLetterAndDigitOrSymbol(value));
        if (!ok)
        {
            return false;
        }

        match = new SecretMatch(ProseFormat, p, n, null);
        return true;
    }

    // The longest tail of the words that classifies: "key" alone says little ("the key is"), "api key" says a credential.
    private static CredentialKind ClassifyTail(string text, int nameStart, int wordEnd)
    {
        for (var s = nameStart; s < wordEnd; s++)
        {
            if (s == nameStart || text[s - 1] == ' ')
            {
                var kind = CredentialNames.Classify(text.Substring(s, wordEnd - s));
                if (kind != CredentialKind.None)
                {
                    return kind;
                }
            }
        }

        return CredentialKind.None;
    }

    private static readonly string[] CredentialWords = ["password", "passwd", "passphrase", "pwd", "secret", "token", "key", "apikey", "credential", "credentials"];

    /// <summary>The length of a credential word at <paramref name="i"/> (any case), or 0.</summary>
    private static int CredentialWordLength(string text, int i)
    {
        var c = SecretText.ToLowerAscii(text[i]);
        if (c is not ('p' or 's' or 't' or 'k' or 'a' or 'c'))
        {
            return 0;
        }

        foreach (var word in CredentialWords)
        {
            if (word[0] == c && i + word.Length <= text.Length && SecretText.IndexOfIgnoreCase(text, i, word.Length, word) == i)
            {
                return word.Length;
            }
        }

        return 0;
    }

    private static bool HasLetterAndDigitOrSymbol(string value)
    {
        bool letter = false, other = false;
        foreach (var c in value)
        {
            letter |= IsLetter(c);
            other |= !IsLetter(c);
        }

        return letter && other;
    }

    // ------------------------------------------------------------------ names with a credential word anywhere

    private static readonly string[] LooseCredentialWords =
    [
        "key", "keys", "secret", "secrets", "token", "tokens", "password", "passwords", "pwd", "passwd", "passphrase", "credential",
        "credentials", "apikey", "keypair", "privkey", "seckey", "auth",
    ];

    // Words that make a random value an identifier, a digest or public data rather than a secret.
    private static readonly string[] LooseGuardWords =
    [
        "sha", "sha1", "sha256", "sha384", "sha512", "md5", "etag", "hash", "hashed", "digest", "checksum", "crc", "fingerprint",
        "thumbprint", "integrity", "sri", "nonce", "id", "ids", "identifier", "guid", "uuid", "public", "publishable", "pub", "cache", "partition",
        "sort", "row", "lookup", "name", "names", "url", "uri", "path", "file", "type", "sample", "example", "expected", "fake",
        "dummy", "mock", "commit", "revision", "version", "salt", "kid", "cursor", "page", "next", "continuation", "csrf", "xsrf",
        "antiforgery", "idempotency", "correlation", "request", "trace", "state", "primary", "foreign", "composite", "index", "encrypted",
        "protected", "wrapped", "placeholder", "format", "pattern", "regex", "length", "header", "prefix", "test", "tests", "vector",
        // What CredentialNames turns a credential word away for: a name about the credential, not the credential.
        "service", "provider", "manager", "store", "vault", "handler", "generator", "source", "reset", "changed", "attempt", "property",
        "display", "option", "options", "response", "result", "status", "event", "input", "output", "claim", "scope", "audience",
        "issuer", "policy", "mode", "kind", "count", "min", "max", "lifetime", "timeout", "expiry", "expiration", "enabled", "required",
        "title", "caption", "description", "label", "message", "error", "hint", "endpoint", "location", "reference", "ref",
        "separator", "paging", "pagination", "marker", "tenant", "instrumentation", "search", "site", "recaptcha", "captcha",
        "verification", "verify", "anon", "browser", "frontend", "mobile", "client", "session", "map", "dictionary", "column", "table",
    ];

    /// <summary>
    /// Mechanism 6, the measured fallback: a name that <see cref="CredentialNames.Classify"/> does not take but that holds a
    /// credential word as a word anywhere (AesKeyHex, KeyMaterial, SecretsBlob, PayerKeypair), with no guard word (hash,
    /// id, nonce, public, ...), given a strongly random value: 32 or more base62/base64url characters with upper, lower
    /// and digits, 40 or more hex digits, 40 or more base64 characters of random bytes, or a keypair's byte array.
    /// </summary>
    public static bool IsLooseCredential(string name, string value, SecretSettings settings)
    {
        if (value.Length < 32 || value.Length > 1000 || name.Length > 120 || !HasLooseCredentialWord(name))
        {
            return false;
        }

        if (value[0] == '[')
        {
            return TryKeyBytes(value, keyNamed: true, out _);
        }

        var n = value.Length;
        if (!IsClean(value, 0, n, settings) || CredentialNames.IsPublicKeyValue(value) || IsBase64OfText(value))
        {
            return false;
        }

        if (IsHex(value, 0, n))
        {
            return n >= 40 && IsRandomToken(value, 0, n, 40, allowDashedUuid: false);
        }

        if (IsRandomToken(value, 0, n, 32, allowDashedUuid: false))
        {
            return HasUpperLowerDigit(value) && CredentialNames.IsSecretValue(CredentialKind.Key, value, settings);
        }

        return n >= 40 && IsBase64(value, 0, n) && SecretText.Entropy(value, 0, n) >= 4.5
            && CredentialNames.IsSecretValue(CredentialKind.Key, value, settings);
    }

    private static bool HasLooseCredentialWord(string name)
    {
        var found = false;
        var wordStart = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !IsAlphanumeric(name[i])
                || (name[i] is >= 'A' and <= 'Z' && (name[i - 1] is >= 'a' and <= 'z' or >= '0' and <= '9'))
                || (name[i] is >= 'A' and <= 'Z' && i + 1 < name.Length && name[i + 1] is >= 'a' and <= 'z' && name[i - 1] is >= 'A' and <= 'Z');
            if (!boundary)
            {
                continue;
            }

            var length = i - wordStart;
            if (length > 0 && IsAlphanumeric(name[wordStart]))
            {
                if (IsAnyWord(name, wordStart, length, LooseGuardWords))
                {
                    return false;
                }

                found |= IsAnyWord(name, wordStart, length, LooseCredentialWords);
            }

            wordStart = i < name.Length && !IsAlphanumeric(name[i]) ? i + 1 : i;
        }

        return found;
    }

    private static bool HasUpperLowerDigit(string value)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var c in value)
        {
            upper |= c is >= 'A' and <= 'Z';
            lower |= c is >= 'a' and <= 'z';
            digit |= c is >= '0' and <= '9';
        }

        return upper && lower && digit;
    }

    // Base64 of ordinary data: it decodes to printable text with spaces or markup (a sentence, JSON, XML).
    private static bool IsBase64OfText(string value)
    {
        if (value.Length % 4 != 0 || value.IndexOf('-') >= 0 || value.IndexOf('_') >= 0)
        {
            return false;
        }

        try
        {
            var bytes = Convert.FromBase64String(value);
            var printable = 0;
            var structure = false;
            foreach (var b in bytes)
            {
                printable += b is >= 32 and < 127 ? 1 : 0;
                structure |= b is (byte)' ' or (byte)'{' or (byte)'<' or (byte)'"';
            }

            return printable == bytes.Length && structure;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// An Authorization value's scheme when it is not a standard one: a word of 4 to 24 letters, digits, '-' or '_' that
    /// says key, token or auth (Zoho-enczapikey, GenieKey, X-Auth-Token), one space, then a credential with no spaces. 0 when none.
    /// </summary>
    public static int CustomSchemeLength(string value)
    {
        var space = value.IndexOf(' ');
        if (space is < 4 or > 24 || value.Length - space - 1 < 16 || value.IndexOf(' ', space + 1) >= 0)
        {
            return 0;
        }

        for (var i = 0; i < space; i++)
        {
            if (!(IsAlphanumeric(value[i]) || value[i] is '-' or '_'))
            {
                return 0;
            }
        }

        return SecretText.IndexOfIgnoreCase(value, 0, space, "key") >= 0 || SecretText.IndexOfIgnoreCase(value, 0, space, "token") >= 0
            || SecretText.IndexOfIgnoreCase(value, 0, space, "auth") >= 0
            ? space + 1
            : 0;
    }

    // ------------------------------------------------------------------ helpers

    private static bool StartsWithWord(string text, int at, int end, string word) =>
        at + word.Length < end && string.CompareOrdinal(text, at, word, 0, word.Length) == 0 && text[at + word.Length] == ' ';

    private static bool Matches(string text, int at, string word) =>
        at + word.Length <= text.Length && string.CompareOrdinal(text, at, word, 0, word.Length) == 0;

    private static int IndexOf(string text, int start, int end, string word) =>
        end - start < word.Length ? -1 : text.IndexOf(word, start, end - start, StringComparison.Ordinal);

    internal static bool ContainsAnyWord(string text, int start, int length, string[] words)
    {
        foreach (var word in words)
        {
            if (SecretText.IndexOfIgnoreCase(text, start, length, word) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAnyWord(string text, int start, int length, string[] words)
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

    public static bool IsHex(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is not (>= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!(IsAlphanumeric(text[i]) || text[i] is '+' or '/' or '=' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsAlphanumeric(char c) => SecretScanner.IsAlphanumeric(c);

    private static bool IsWordChar(char c) => IsAlphanumeric(c) || c == '_';
}
