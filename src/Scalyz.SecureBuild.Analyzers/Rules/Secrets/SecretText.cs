using System;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>Character-level checks on candidate secrets: entropy, placeholders, checksums and masking. None of them allocates.</summary>
internal static class SecretText
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    // Words that mark a value as a template or documentation rather than a real secret.
    private static readonly string[] PlaceholderWords =
    [
        "example", "xxxx", "****", "placeholder", "your", "dummy", "sample", "redacted", "changeme", "change_me",
        "replace", "insert", "<", ">", "${", "{{", "$(", "#{", "%(", "...", "todo", "secret_here", "key_here", "token_here",
        "@microsoft.keyvault(", "@microsoft.appconfiguration(",
    ];

    [ThreadStatic]
    private static int[]? _counts;

    /// <summary>Shannon entropy in bits per character of <c>text[start..start+length]</c>.</summary>
    public static double Entropy(string text, int start, int length)
    {
        if (length == 0)
        {
            return 0;
        }

        var counts = _counts ??= new int[128];
        Array.Clear(counts, 0, counts.Length);
        var others = 0;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                others++;
            }
        }

        double entropy = 0;
        foreach (var count in counts)
        {
            entropy += Term(count, length);
        }

        return entropy + Term(others, length);
    }

    // Keys every developer has: the Azurite/Storage Emulator account key and the Cosmos DB emulator key.
    private static readonly string[] WellKnownDevelopmentKeys =
    [
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
    ];

    // Values printed in specifications and vendor documentation, found inside whatever wraps them (a JWT, a header):
    // RFC 6749 access and refresh tokens, RFC 6750 bearer token, RFC 7617 "Aladdin:open sesame", the RFC 7515/7519
    // HS256 example signature, the jwt.io default signature, Stripe's documented test key and the Azure SignalR
    // emulator access key, the GUID of the Wikipedia and Microsoft GUID documentation, the RFC 7515 A.1 HMAC key, the
    // RFC 6749 2.3.1 client_secret, the kubeadm bootstrap token, the Pushover API documentation token and the signing
    // secret of Slack's request-verification guide; the private key of the Hardhat/Anvil local chain's default account 0
    // (printed by every `npx hardhat node`), RFC 6238's printed TOTP secret (base32 of "12345678901234567890") and the
    // password of the MongoDB manual's connection-string examples.
    private static readonly string[] DocumentedExamples =
    [
        "2YotnFZFEjr1zjCsicMWpAA", "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "mF_9.B5f-4.1JqM", "QWxhZGRpbjpvcGVuIHNlc2FtZQ",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "4eC39HqLyjWDarjtT1zdp7dc",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", "7Fjfp0ZBr1KtDRbnfVdmIw",
        "abcdef.0123456789abcdef", "azGDORePK8gMaC0QOYAMyEEuzJnyUi", "8f742231b10e8888abcd99yyyzzz85a5",
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "D1fficultP%40ssw0rd",
    ];

    // Words that make a value a stand-in when they stand alone (test-password, fake_token is a name; sk_test_ is a real prefix, so '_' joins).
    private static readonly string[] StandInWords = ["test", "fake", "demo", "mock", "dummy", "notreal", "invalid", "foobar"];

    /// <summary>True when the value is a template, a documentation value or an obvious filler rather than a secret.</summary>
    public static bool IsPlaceholder(string text, int start, int length)
    {
        foreach (var key in WellKnownDevelopmentKeys)
        {
            if (key.Length == length && string.CompareOrdinal(text, start, key, 0, length) == 0)
            {
                return true;
            }
        }

        foreach (var word in PlaceholderWords)
        {
            var at = IndexOfIgnoreCase(text, start, length, word);
            if (at >= 0 && (word != "xxxx" || HasSameCaseRun(text, at, start + length)))
            {
                return true;
            }
        }

        foreach (var example in DocumentedExamples)
        {
            if (length >= example.Length && text.IndexOf(example, start, length, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return IsVariableReference(text, start, length) || HasStandInWord(text, start, length) || IsTemplateOrStoreReference(text, start, length)
            || IsEncryptedEnvelope(text, start, length) || IsPublishedDefault(text, start, length);
    }

    // Secret-store and deployment references: Vault paths (vault:secret/data/app#key), ARM template parameters
    // ([parameters('sqlAdminPassword')]), Serverless/SSM lookups (ssm:/app/db). They name where the secret lives.
    private static readonly string[] StoreReferencePrefixes = ["vault:", "[parameters(", "[reference(", "[variables(", "ssm:", "secretsmanager:", "keyvault:", "op://"];

    // Stand-ins typed to be replaced: __XERO_CLIENT_SECRET__ (token-replacement tasks), [ENTER_API_TOKEN], [YOUR KEY],
    // references to stores: vault:..., [parameters('...')].
    private static bool IsTemplateOrStoreReference(string text, int start, int length)
    {
        var end = start + length;
        if (IsDelimitedName(text, start, end))
        {
            return true;
        }

        if (length > 2 && text[start] == '[' && text[end - 1] == ']'
            && (IndexOfIgnoreCase(text, start, length, "[enter") == start || IndexOfIgnoreCase(text, start, length, "[your") == start
                || IndexOfIgnoreCase(text, start, length, "[add") == start || IndexOfIgnoreCase(text, start, length, "[put") == start))
        {
            return true;
        }

        foreach (var prefix in StoreReferencePrefixes)
        {
            if (length > prefix.Length && IndexOfIgnoreCase(text, start, prefix.Length, prefix) == start)
            {
                return true;
            }
        }

        return false;
    }

    // "xxxx" marks a stand-in when it is typed as one letter (xxxx, XXXX); base64 such as ...MXxXxQ... is random.
    private static bool HasSameCaseRun(string text, int at, int end)
    {
        for (; at >= 0; at = IndexOfIgnoreCase(text, at + 1, end - at - 1, "xxxx"))
        {
            if (text[at] == text[at + 1] && text[at] == text[at + 2] && text[at] == text[at + 3])
            {
                return true;
            }
        }

        return false;
    }

    // A name between twin delimiters is a token that a release or config-transform step replaces: __XERO_CLIENT_SECRET__
    // (replace-tokens tasks), @@SENTRY_AUTH_TOKEN@@, %%DB_PASSWORD%%, ##API_KEY##, $$TOKEN$$, and autoconf/Maven-filtering
    // @DB_PASSWORD@ (one '@', upper-case name only, so that a password such as @b3Kx9@ still counts).
    private static bool IsDelimitedName(string text, int start, int end)
    {
        var length = end - start;
        var d = text[start];
        if (length < 3 || d is not ('_' or '@' or '%' or '#' or '$') || text[end - 1] != d)
        {
            return false;
        }

        var twin = length > 4 && text[start + 1] == d && text[end - 2] == d;
        if (!twin && d != '@')
        {
            return false;
        }

        var width = twin ? 2 : 1;
        var letters = 0;
        for (var i = start + width; i < end - width; i++)
        {
            var c = text[i];
            if (c is >= 'A' and <= 'Z')
            {
                letters++;
            }
            else if (c is >= 'a' and <= 'z')
            {
                if (!twin)
                {
                    return false;
                }

                letters++;
            }
            else if (c is not (>= '0' and <= '9' or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return letters > 0;
    }

    // Values encrypted at rest and committed on purpose: SOPS (ENC[AES256_GCM,data:...,type:str]), Jasypt (ENC(...)),
    // Ansible Vault ($ANSIBLE_VAULT;1.1;AES256). Only the key that decrypts them is a secret, and it is not in the value.
    public static bool IsEncryptedEnvelope(string text, int start, int length)
    {
        var end = start + length;
        return length > 6
            && ((IndexOfIgnoreCase(text, start, 4, "enc[") == start && text[end - 1] == ']')
                || (IndexOfIgnoreCase(text, start, 4, "enc(") == start && text[end - 1] == ')')
                || IndexOfIgnoreCase(text, start, Math.Min(length, 14), "$ansible_vault") == start);
    }

    // Defaults that products print in their own documentation and ship with (MinIO's root password, RabbitMQ's guest,
    // Java's keystore password, AppVeyor's SQL Server password). Anyone can read them, so the value reveals nothing; a
    // product still running on its default is a configuration finding, not a leaked secret (gitleaks' and
    // detect-secrets' keyword rules drop them the same way).
    private static readonly string[] PublishedDefaults = ["minioadmin", "guest", "changeit", "Password12!"];

    private static bool IsPublishedDefault(string text, int start, int length)
    {
        foreach (var value in PublishedDefaults)
        {
            if (value.Length == length && string.Compare(text, start, value, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    // %CLERK_SECRET_KEY%, $ALPACA_SECRET, $env:API_KEY: a reference to an environment variable, not its value.
    private static bool IsVariableReference(string text, int start, int length)
    {
        var end = start + length;
        var first = text[start];
        var nameStart = first == '%' && length > 2 && text[end - 1] == '%' ? start + 1
            : first == '$' && length > 1 ? (IndexOfIgnoreCase(text, start, length, "$env:") == start ? start + 5 : start + 1)
            : -1;
        if (nameStart < 0 || nameStart >= end)
        {
            return false;
        }

        var nameEnd = first == '%' ? end - 1 : end;
        for (var i = nameStart; i < nameEnd; i++)
        {
            if (text[i] is not (>= 'A' and <= 'Z' or >= '0' and <= '9' or '_') && !(first == '%' && text[i] is >= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return nameEnd > nameStart;
    }

    private static bool HasStandInWord(string text, int start, int length)
    {
        var end = start + length;
        foreach (var word in StandInWords)
        {
            for (var at = IndexOfIgnoreCase(text, start, length, word); at >= 0; at = IndexOfIgnoreCase(text, at + 1, end - at - 1, word))
            {
                var after = at + word.Length;
                if ((at == start || IsStandInBoundary(text[at - 1])) && (after == end || IsStandInBoundary(text[after])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsStandInBoundary(char c) => c is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_');

    /// <summary>True when one character repeats at least <paramref name="run"/> times in a row, or the value counts up (abcdef, 123456).</summary>
    public static bool HasFillerRun(string text, int start, int length, int run)
    {
        int same = 1, ascending = 1;
        for (var i = start + 1; i < start + length; i++)
        {
            same = text[i] == text[i - 1] ? same + 1 : 1;
            ascending = text[i] == text[i - 1] + 1 ? ascending + 1 : 1;
            if (same >= run || ascending >= run)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// GitHub-style checksum: the last six characters are the base62 CRC32 of the thirty random characters after the
    /// prefix's underscore. A token that fails it was typed by hand (a test value), not issued by the provider.
    /// </summary>
    public static bool HasValidCrc32Checksum(string text, int start, int length)
    {
        var underscore = text.IndexOf('_', start, length);
        if (underscore < 0 || start + length - underscore - 1 != 36)
        {
            return false;
        }

        var crc = 0xFFFFFFFFu;
        for (var i = underscore + 1; i < underscore + 31; i++)
        {
            crc = Crc32Table[(crc ^ text[i]) & 0xFF] ^ (crc >> 8);
        }

        var value = crc ^ 0xFFFFFFFFu;
        for (var i = start + length - 1; i >= start + length - 6; i--)
        {
            if (text[i] != Base62[(int)(value % 62)])
            {
                return false;
            }

            value /= 62;
        }

        return true;
    }

    /// <summary>
    /// Strkey checksum (Stellar SEP-23, NATS nkeys): the unpadded base32 value decodes to a payload and two bytes that are
    /// the payload's CRC-16/XMODEM, little-endian. Decoded and checked in one pass, without allocating.
    /// </summary>
    public static bool HasValidCrc16Base32Checksum(string text, int start, int length)
    {
        // Only whole bytes count: 56 characters are 280 bits, 35 bytes (33 of payload, 2 of checksum).
        var byteCount = length * 5 / 8;
        if (byteCount < 3 || length * 5 % 8 >= 5)
        {
            return false;
        }

        int buffer = 0, bits = 0, index = 0, stored = 0;
        ushort crc = 0;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            int digit = c is >= 'A' and <= 'Z' ? c - 'A' : c is >= '2' and <= '7' ? c - '2' + 26 : -1;
            if (digit < 0)
            {
                return false;
            }

            buffer = ((buffer << 5) | digit) & 0xFFFF;
            bits += 5;
            if (bits < 8)
            {
                continue;
            }

            bits -= 8;
            var b = (buffer >> bits) & 0xFF;
            if (index < byteCount - 2)
            {
                crc ^= (ushort)(b << 8);
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
                }
            }
            else
            {
                stored |= b << (8 * (index - (byteCount - 2)));
            }

            index++;
        }

        return stored == crc;
    }

    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>
    /// Base58check (BIP32 extended keys, WIF): the value decodes to a payload and four bytes that are the start of the
    /// payload's double SHA-256. Only values that already matched a key prefix get here, so the buffers are allocated then.
    /// </summary>
    public static bool HasValidBase58Checksum(string text, int start, int length)
    {
        // Each base58 digit is under six bits: length * 6 / 8 bytes hold the number.
        var bytes = new byte[(length * 6 / 8) + 1];
        var used = 0;
        for (var i = start; i < start + length; i++)
        {
            var carry = Base58.IndexOf(text[i]);
            if (carry < 0)
            {
                return false;
            }

            for (var j = 0; j < used; j++)
            {
                carry += bytes[j] * 58;
                bytes[j] = (byte)carry;
                carry >>= 8;
            }

            while (carry > 0)
            {
                bytes[used++] = (byte)carry;
                carry >>= 8;
            }
        }

        if (used < 5)
        {
            return false;
        }

        // bytes[0..used) is little-endian; the payload is the big-endian bytes before the last four.
        var payload = new byte[used - 4];
        for (var k = 0; k < payload.Length; k++)
        {
            payload[k] = bytes[used - 1 - k];
        }

        byte[] hash;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            hash = sha.ComputeHash(sha.ComputeHash(payload));
        }

        for (var k = 0; k < 4; k++)
        {
            if (hash[k] != bytes[3 - k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The base62 CRC32 checksum of <paramref name="random"/>, six characters (used by tests to build valid tokens).</summary>
    public static string Crc32Base62(string random)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in random)
        {
            crc = Crc32Table[(crc ^ c) & 0xFF] ^ (crc >> 8);
        }

        var value = crc ^ 0xFFFFFFFFu;
        var chars = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            chars[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(chars);
    }

    /// <summary>At most the first four characters, then an ellipsis: never the full secret.</summary>
    public static string Mask(string text, int start, int length) =>
        text.Substring(start, Math.Min(4, Math.Max(0, length - 4))) + "\u2026";

    /// <summary>True for 8-4-4-4-12 hexadecimal GUIDs, which identify things rather than authenticate.</summary>
    public static bool IsGuid(string text, int start, int length)
    {
        if (length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var c = text[start + i];
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? c != '-' : !IsHex(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int IndexOfIgnoreCase(string text, int start, int length, string word)
    {
        var last = start + length - word.Length;
        for (var i = start; i <= last; i++)
        {
            var j = 0;
            while (j < word.Length && ToLowerAscii(text[i + j]) == word[j])
            {
                j++;
            }

            if (j == word.Length)
            {
                return i;
            }
        }

        return -1;
    }

    public static char ToLowerAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static double Term(int count, int length)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = (double)count / length;
        return -p * Math.Log(p, 2);
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
