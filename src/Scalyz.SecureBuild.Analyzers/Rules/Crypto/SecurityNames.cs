using System.Collections.Generic;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Decides whether a name (variable, member, parameter) says its value guards something: a token, key, password,
/// salt, nonce. Names are split into camelCase/snake_case words so "monkey" or "keyboard" never count as "key".
/// </summary>
internal static class SecurityNames
{
    private static readonly HashSet<string> Words = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "token", "tokens", "password", "passwords", "passwd", "pwd", "secret", "secrets", "key", "keys", "apikey", "salt",
        "nonce", "iv", "otp", "totp", "hotp", "csrf", "xsrf", "antiforgery", "credential", "credentials", "passcode",
        "passphrase", "pin", "auth", "authentication", "signature", "hmac", "cipher", "encryption", "crypto", "session",
        "sessionid", "verification", "activation", "reset", "invite", "bearer", "jwt", "challenge",
    };

    // "key" also names lookup keys; these words say the key is a data-structure key, not a secret.
    private static readonly HashSet<string> LookupWords = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "cache", "sort", "partition", "shard", "lookup", "primary", "foreign", "dictionary", "row", "hot", "map", "index", "routing",
    };

    /// <summary>True when one of the words of <paramref name="name"/> is a security word (and it is not a lookup key).</summary>
    public static bool IsSecurityName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var words = new List<string>(SplitWords(name!));
        var security = words.FindAll(Words.Contains);
        if (security.Count == 0)
        {
            return false;
        }

        var onlyKey = security.TrueForAll(w => w.Equals("key", System.StringComparison.OrdinalIgnoreCase) || w.Equals("keys", System.StringComparison.OrdinalIgnoreCase));
        return !(onlyKey && words.Exists(LookupWords.Contains));
    }

    private static IEnumerable<string> SplitWords(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                || name[i] is '_' or '-'
                || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                || (char.IsUpper(name[i]) && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            var word = name.Substring(start, i - start).Trim('_', '-');
            if (word.Length > 0)
            {
                yield return word;
            }

            start = i;
        }
    }
}
