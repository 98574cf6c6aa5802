using System;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>What a credential-like name asks of its value.</summary>
internal enum CredentialKind
{
    None,

    /// <summary>password, pwd, passphrase: any non-trivial value is a secret.</summary>
    Password,

    /// <summary>secret, token, api key, client secret, private key, ...: the value must look random.</summary>
    Key,
}

/// <summary>
/// Classifies names (variables, properties, configuration keys, ...) as credentials and decides whether a literal
/// value for them is a real secret. Names are compared case-insensitively with separators (_ - . : space) ignored,
/// through a per-thread buffer, so classifying allocates nothing.
/// </summary>
internal static class CredentialNames
{
    // RabbitMQ's default_pass and the db_pass / smtp_pass of .env files: "pass" only after the word that says whose it is.
    // An SNMP community string is SNMPv1/v2c's password (short, so it is judged as one).
    private static readonly string[] PasswordWords = ["password", "passwd", "pwd", "passphrase", "passcode", "defaultpass", "dbpass", "smtppass", "ftppass", "adminpass", "rootpass", "userpass",
        "snmpcommunity", "communitystring", "readcommunity", "writecommunity"];

    private static readonly string[] KeyWords =
    [
        "secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "authkey", "signingkey", "masterkey",
        "sharedkey", "accountkey", "subscriptionkey", "encryptionkey", "credential", "sastoken", "bearer",
        "jwtkey", "hmackey", "validationkey", "decryptionkey", "machinekey", "appsecret", "adminkey", "licensekey",
        "recordkey", "writekey", "ingestkey", "integrationkey", "routingkey", "deploykey", "servicekey", "restkey",
        "managementkey", "authorization", "webhookkey", "appkey", "clientkey", "serverkey", "securitykey", "primarykey",
        "secondarykey", "sharedaccesssignature", "consumerkey", "sessionkey", "cryptokey", "encryptkey",
        "appcertificate", "passkey", "mnemonic", "seedphrase", "recoveryphrase", "macaroon", "creds",
    ];

    // A name whose last word is Key (MerchantKey, IngestionKey, ProjectKey, SendYourDataKey) is a credential unless the
    // word before it says what kind of lookup key it is: data-structure, cache, localisation and input keys.
    private static readonly string[] LookupKeyWords =
    [
        "cache", "sort", "partition", "row", "foreign", "primary", "composite", "registry", "hot", "shortcut", "lookup",
        "resource", "localization", "localisation", "locale", "translation", "i18n", "text", "string", "setting", "config",
        "map", "dictionary", "index", "route", "unique", "entity", "object", "item", "group", "lock", "order", "join",
        "redis", "section", "element", "node", "column", "table", "field", "list", "sequence", "dedup", "grouping",
        "distinct", "natural", "surrogate", "search", "range", "shard", "bucket", "menu", "command", "keyboard", "modifier",
        "access", "state", "view", "session", "context", "component", "cursor", "filter", "event", "message", "json",
        "xml", "yaml", "env", "variable", "query", "path", "header", "property", "attribute", "feature", "flag", "toggle",
        // Keys that are public by design: Supabase anon keys, PubNub publish and subscribe keys, client-side environment keys.
        "anon", "publish", "subscribe", "environment", "browser", "frontend", "mobile", "verification", "verify",
    ];

    // A credential word next to one of these names something about the credential, not the credential itself.
    private static readonly string[] NotSecretWords =
    [
        "name", "type", "field", "header", "path", "file", "url", "uri", "endpoint", "policy", "length", "regex",
        "pattern", "prompt", "label", "message", "error", "hint", "format", "mode", "kind", "version", "count", "min",
        "max", "expir", "lifetime", "timeout", "enabled", "required", "placeholder", "title", "caption", "description",
        "hash", "checksum", "digest", "thumbprint", "fingerprint", "claim", "scope", "audience", "issuer",
        "param", "query", "column", "validat", "strength", "complexity", "rule", "provider", "manager", "service",
        "store", "vault", "cache", "encrypted", "protected", "reference", "ref", "location", "prefix", "suffix",
        "separator", "generator", "tokenizer", "source", "reset", "changed", "attempt", "property", "display", "id",
        "lookup", "handler", "option", "request", "response", "result", "status", "event", "input", "output",
        "public", "publishable", "correlation", "continuation", "paging", "cursor", "trace", "idempotency", "tenant",
        "instrumentation", "nonce", "antiforgery", "csrf", "xsrf", "searchonly", "sitekey", "clientside", "arn",
        "pagetoken", "pagination", "nexttoken", "marker", "tokenization",
    ];

    private static readonly string[] CommonPlaceholders =
    [
        "password", "passwd", "pwd", "pass", "secret", "token", "apikey", "api_key", "changeme", "admin", "root", "test",
        "testing", "user", "username", "guest", "null", "none", "empty", "default", "value", "string", "x", "xx", "xxx",
        "changeit", "invalid", "wrong", "incorrect", "secret123", "password1", "password123", "postgres", "mysql", "redis",
        "rabbitmq", "mongo", "sa", "letmein", "notasecret",
    ];

    [ThreadStatic]
    private static char[]? _buffer;

    /// <summary>Classifies a name; exclusions win (PasswordLength, TokenEndpoint, SecretName are not credentials).</summary>
    public static CredentialKind Classify(string name)
    {
        var length = Normalize(name);
        if (length < 2)
        {
            return CredentialKind.None;
        }

        // Short names that are credentials only on their own (auth in .npmrc and Docker's config.json, pass, pw, pat).
        if (IsExactly("auth", length) || IsExactly("pat", length))
        {
            return CredentialKind.Key;
        }

        // A personal access token as the name's last word after the provider's (OpenVsxPat, GITEE_PAT, ado-pat).
        if (length > 3 && name.Length > 3 && name.EndsWith("pat", StringComparison.OrdinalIgnoreCase) && IsWordStart(name, name.Length - 3))
        {
            return CredentialKind.Key;
        }

        if (IsExactly("pass", length) || IsExactly("pw", length))
        {
            return CredentialKind.Password;
        }

        var (wordAt, wordLength) = FindAny(PasswordWords, length);
        var kind = wordAt >= 0 ? CredentialKind.Password : CredentialKind.None;
        if (kind == CredentialKind.None)
        {
            (wordAt, wordLength) = FindAny(KeyWords, length);
            kind = wordAt >= 0 ? CredentialKind.Key : CredentialKind.None;
        }

        if (kind == CredentialKind.None && IsCredentialKeyName(name, length))
        {
            (wordAt, wordLength, kind) = (length - 3, 3, CredentialKind.Key);
        }

        // A name whose last word is Auth (HttpAuth, PROXY_AUTH, basic-auth): its value is the credential, judged as a key.
        if (kind == CredentialKind.None && length > 4 && name.EndsWith("auth", StringComparison.OrdinalIgnoreCase) && IsWordStart(name, name.Length - 4))
        {
            (wordAt, wordLength, kind) = (length - 4, 4, CredentialKind.Key);
        }

        if (kind == CredentialKind.None)
        {
            return kind;
        }

        // Nomad, Consul and Vault AppRole "secret ids" are the credential; Azure's client secret id is the key's id.
        var secretId = kind == CredentialKind.Key && EndsWithSecretId(length);
        foreach (var word in NotSecretWords)
        {
            if (secretId && word == "id")
            {
                continue;
            }

            // A password is never published: ConfigCat's PublicApiPassword is the public API's password, not a public value.
            if (kind == CredentialKind.Password && word is "public" or "publishable")
            {
                continue;
            }

            var at = IndexOf(word, length);
            // A qualifier before the credential word says whose credential it is (DataSourcePassword, VaultToken,
            // ServiceSecret); after it, what the name is about (PasswordSource, TokenService, SecretStore).
            if (at >= 0 && at < wordAt && IsOwnerWord(word))
            {
                continue;
            }

            // Before the credential word, only a word of its own counts: "Typesense" and "Labelbox" are names, not "type" and "label".
            if (at >= 0 && at < wordAt && IsInsideLongerWord(name, word))
            {
                continue;
            }

            // Before the credential word, a word that says where or what a credential is used for (path, status, type,
            // issuer) is part of whose credential it is (StackPathClientSecret, IssuerSigningKey, HeaderApiKey): only
            // words that make the credential public, derived or an id turn it away there. The value is still judged.
            if (at >= 0 && at < wordAt && IsQualifierBefore(word))
            {
                continue;
            }

            // 'id' and 'ref' only count as a whole trailing word (ClientSecretId), not inside other words (valid, preferred);
            // none counts inside the credential word itself ('count' in AccountKey).
            if (at >= 0 && (word.Length > 3 || at + word.Length == length) && !(at >= wordAt && at + word.Length <= wordAt + wordLength))
            {
                return CredentialKind.None;
            }
        }

        return kind;
    }

    // Inside a longer word: lowercase letters follow it, or (in a camel or Pascal name) a lowercase letter precedes its
    // lowercase first letter (the "status" of InstatusApiKey, the "path" of Stackpath).
    private static bool IsInsideLongerWord(string name, string word)
    {
        var at = SecretText.IndexOfIgnoreCase(name, 0, name.Length, word);
        return at >= 0 && ((at + word.Length < name.Length && name[at + word.Length] is >= 'a' and <= 'z')
            || (at > 0 && name[at] is >= 'a' and <= 'z' && name[at - 1] is >= 'a' and <= 'z' && HasUpper(name)));
    }

    private static bool HasUpper(string name)
    {
        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQualifierBefore(string word) =>
        word is "path" or "url" or "uri" or "endpoint" or "file" or "header" or "type" or "name" or "field" or "label" or "message"
            or "status" or "mode" or "kind" or "title" or "caption" or "description" or "location" or "event" or "input" or "output"
            or "request" or "response" or "result" or "option" or "param" or "query" or "column" or "rule" or "policy" or "scope"
            or "audience" or "issuer" or "tenant" or "prompt" or "hint" or "error" or "property" or "prefix" or "suffix" or "separator";

    private static bool IsOwnerWord(string word) =>
        word is "source" or "service" or "provider" or "manager" or "store" or "cache" or "vault" or "handler" or "generator";

    private static bool EndsWithSecretId(int length) =>
        length >= 8 && MatchesAt(_buffer!, length - 8, "secretid") && IndexOf("client", length) < 0;

    // The last word of the name is Key, written as its own word (MerchantKey, merchant_key, MERCHANT-KEY, not Monkey),
    // after at least one other word that is not a lookup-key word.
    private static bool IsCredentialKeyName(string name, int length)
    {
        if (length < 5 || name.Length < 5 || !name.EndsWith("key", StringComparison.OrdinalIgnoreCase) || !IsWordStart(name, name.Length - 3))
        {
            return false;
        }

        var buffer = _buffer!;
        foreach (var word in LookupKeyWords)
        {
            var at = length - 3 - word.Length;
            if (at >= 0 && MatchesAt(buffer, at, word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesAt(char[] buffer, int at, string word)
    {
        for (var j = 0; j < word.Length; j++)
        {
            if (buffer[at + j] != word[j])
            {
                return false;
            }
        }

        return true;
    }

    // Whether a word starts at name[at]: after a separator, or an uppercase letter after a lowercase letter or digit,
    // or the start of an all-caps word after a separator.
    private static bool IsWordStart(string name, int at)
    {
        if (at <= 0)
        {
            return at == 0;
        }

        var previous = name[at - 1];
        var current = name[at];
        return previous is '_' or '-' or '.' or ':' or ' '
            || (char.IsUpper(current) && (char.IsLower(previous) || char.IsDigit(previous)));
    }

    /// <summary>Whether a literal given to a credential of <paramref name="kind"/> is a real secret.</summary>
    public static bool IsSecretValue(CredentialKind kind, string value, SecretSettings settings)
    {
        // An encrypted-at-rest envelope (SOPS ENC[AES256_GCM,data:...]) is judged whole, before its "data:" looks like a scheme.
        if (SecretText.IsEncryptedEnvelope(value, 0, value.Length))
        {
            return false;
        }

        // An Authorization value is a scheme and a credential ("Bearer ...", "token ...", "Basic ...", "ApiKey ..."): the credential is judged.
        if (kind != CredentialKind.None && (SchemeLength(value) is var scheme and > 0 || (scheme = GeneralCredentials.CustomSchemeLength(value)) > 0))
        {
            if (SecretText.IndexOfIgnoreCase(value, 0, 6, "basic ") == 0 && SecretScanner.IsPlaceholderBasicValue(value, scheme, value.Length - scheme))
            {
                return false;
            }

            value = value.Substring(scheme);
            kind = CredentialKind.Key;
        }

        // A wallet's seed: 12 to 24 lowercase words of the BIP39 list's shape, given to a mnemonic, seed or recovery phrase
        // (or any credential name). The words are not checked against the list: its shape alone is not prose.
        if (kind != CredentialKind.None && IsMnemonicPhrase(value))
        {
            return !SecretText.IsPlaceholder(value, 0, value.Length) && !settings.IsAllowed(value, 0, value.Length);
        }

        var length = value.Length;
        if (kind == CredentialKind.None || length < (kind == CredentialKind.Password ? 6 : 16) || length > 1000)
        {
            return false;
        }

        // A GUID given to a key or token name (a Heroku, Splunk HEC or Sauce Labs key) is the credential; the name
        // classification has already turned away id words (ClientId, TenantId, CorrelationToken, InstrumentationKey).
        // A GUID password is rare and a GUID under a bare password-like name is as likely a generated id, so it stays out.
        // The one-pass shape checks first: most values given to credential-like names are names, paths and sentences.
        if (LooksLikeNameOrPath(value, kind == CredentialKind.Key) || SecretText.IsPlaceholder(value, 0, length) || IsCommonPlaceholder(value, 0, length) || settings.IsAllowed(value, 0, length)
            || (kind == CredentialKind.Password && SecretText.IsGuid(value, 0, length))
            || IsDataOrHash(value) || IsPublicKeyValue(value) || IsResourcePath(value) || NamesASecret(value)
            || SecretScanner.IsHandTypedChecksumToken(value))
        {
            return false;
        }

        return kind == CredentialKind.Password
            ? !SecretText.HasFillerRun(value, 0, length, 4)
            : !SecretText.HasFillerRun(value, 0, length, 5) && SecretText.Entropy(value, 0, length) >= settings.MinEntropy && HasDigitOrSymbolOrMixedCase(value)
                && !IsPascalCasePhrase(value);
    }

    // Names that say their value is a stand-in (DummyPassword, SamplePassword, FixtureUserPassword, FakeAdminPwd).
    private static readonly string[] FixtureNameWords = ["dummy", "fake", "mock", "sample", "fixture", "example", "stub"];

    // Words of the passwords people type when one is asked for (P@ssw0rd!, Welcome1, Qwerty123), read with the usual
    // letter swaps undone.
    private static readonly string[] WeakPasswordWords = ["pass", "word", "secret", "admin", "welcome", "qwerty", "letmein", "test", "hello"];

    /// <summary>
    /// A weak, typed password (shorter than 16, made of a common password word with letters swapped for digits and
    /// symbols) under a name that says it is a stand-in: a test fixture, not a credential. A random value under the same
    /// name is still reported.
    /// </summary>
    public static bool IsFixturePassword(string name, CredentialKind kind, string value)
    {
        if (kind != CredentialKind.Password || value.Length >= 16 || !ContainsAny(name, FixtureNameWords))
        {
            return false;
        }

        var plain = new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            plain[i] = value[i] switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '$' or '5' => 's',
                '7' => 't',
                var c => SecretText.ToLowerAscii(c),
            };
        }

        return ContainsAny(new string(plain), WeakPasswordWords);
    }

    private static bool ContainsAny(string text, string[] words) => GeneralCredentials.ContainsAnyWord(text, 0, text.Length, words);

    // First words of a password name that say whose password it is generically, not which provider issued it.
    private static readonly string[] GenericQualifiers =
    [
        "user", "admin", "default", "initial", "temp", "new", "old", "current", "confirm", "database", "test", "root",
        "guest", "account", "login", "service", "system", "master", "app", "application", "reset", "generated", "random",
        "local", "dummy", "sample", "fake", "mock", "fixture", "example", "stub", "one", "time",
    ];

    /// <summary>
    /// A GUID under a password name qualified by a provider (Finix:Password, AcmePayPassword): some providers issue API
    /// passwords as GUIDs. A GUID under a bare or generic password name (Password, UserPassword) is as likely a generated
    /// id and stays out. Only called for values that already failed <see cref="IsSecretValue"/>.
    /// </summary>
    public static bool IsProviderGuidPassword(string name, CredentialKind kind, string value, SecretSettings settings)
    {
        if (kind != CredentialKind.Password || !SecretText.IsGuid(value, 0, value.Length) || settings.IsAllowed(value, 0, value.Length)
            || SecretText.IsPlaceholder(value, 0, value.Length) || SecretText.HasFillerRun(value, 0, value.Length, 5))
        {
            return false;
        }

        // The first word: up to a separator or a lower-to-upper change (FinixPassword, FINIX_PASSWORD, Finix:Password).
        var end = 1;
        while (end < name.Length && SecretScanner.IsAlphanumeric(name[end]) && !(name[end] is >= 'A' and <= 'Z' && name[end - 1] is >= 'a' and <= 'z'))
        {
            end++;
        }

        if (end < 4 || end >= name.Length || name[0] is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z'))
        {
            return false;
        }

        foreach (var word in GenericQualifiers)
        {
            if (word.Length == end && SecretText.IndexOfIgnoreCase(name, 0, end, word) == 0)
            {
                return false;
            }
        }

        return Classify(name.Substring(0, end)) == CredentialKind.None;
    }

    public static bool IsCommonPlaceholder(string text, int start, int length)
    {
        // connectionstrings.com style: myPassword, mySecretKey.
        if (length > 3 && text[start] == 'm' && text[start + 1] == 'y' && text[start + 2] is >= 'A' and <= 'Z' && IsLettersOnly(text, start, length))
        {
            return true;
        }

        foreach (var word in CommonPlaceholders)
        {
            if (word.Length == length && SecretText.IndexOfIgnoreCase(text, start, length, word) == start)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLettersOnly(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z'))
            {
                return false;
            }
        }

        return true;
    }

    // Base64 of files (PNG, JPEG, GIF, PDF, ZIP, WOFF2, gzip), data URIs, package or subresource hashes and password
    // hashes in modular crypt format (bcrypt, argon2, scrypt, sha-crypt, PBKDF2) are data, not keys.
    private static readonly string[] DataPrefixes =
    [
        "iVBORw0KGgo", "/9j/", "R0lGOD", "JVBERi0", "UEsDB", "d09GMg", "H4sI", "data:", "sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha512:",
        "$2a$", "$2b$", "$2y$", "$2x$", "$apr1$", "$argon2", "$scrypt$", "$5$", "$6$", "$1$", "$pbkdf2", "pbkdf2_sha256$", "{SSHA}", "{SHA}",
    ];

    // Keys that are public by design: Stripe/Clerk publishable keys (pk_), Mapbox public tokens (pk.), PostHog project keys
    // (phc_) and Razorpay key ids (rzp_live_, the public half; the key secret has no prefix).
    // Feature-flag SDK client keys (Statsig client-, Unleash/ConfigCat-style front-end keys) ship in browsers and apps.
    // Base64 DER public keys (SubjectPublicKeyInfo of RSA, EC P-256 and Ed25519) are public halves.
    private static readonly string[] PublicKeyPrefixes =
        ["pk_live_", "pk_test_", "pk.", "phc_", "rzp_live_", "rzp_test_", "client-", "MIIBIjANBgkqhkiG9w0BAQEFAAOC", "MIICIjANBgkqhkiG9w0BAQEFAAOC", "MFkwEwYHKoZIzj0CAQYI", "MCowBQYDK2Vw"];

    /// <summary>Whether a value is a key that is public by design (publishable keys, public project keys).</summary>
    public static bool IsPublicKeyValue(string value) => StartsWithAny(value, PublicKeyPrefixes) || IsPaddleClientToken(value) || IsBrowserClientToken(value);

    // Keys made to ship inside a browser or mobile app, by their documented shapes: RevenueCat's public app-specific SDK
    // keys (appl_, goog_, amzn_), Datadog's RUM and browser-logs client tokens ("pub" and 32 hex digits), and the client
    // keys of checkout drop-ins (live_ or test_ and 32 uppercase letters and digits, Adyen's shape; Mollie's live_/test_ API
    // keys are 30 mixed-case alphanumerics and stay secrets).
    private static bool IsBrowserClientToken(string value)
    {
        if (value.Length >= 20 && (value.StartsWith("appl_", StringComparison.Ordinal) || value.StartsWith("goog_", StringComparison.Ordinal) || value.StartsWith("amzn_", StringComparison.Ordinal)))
        {
            return true;
        }

        if (value.Length == 35 && value.StartsWith("pub", StringComparison.Ordinal))
        {
            return IsRunOf(value, 3, static c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
        }

        return value.Length == 37 && (value.StartsWith("live_", StringComparison.Ordinal) || value.StartsWith("test_", StringComparison.Ordinal))
            && IsRunOf(value, 5, static c => c is >= '0' and <= '9' or >= 'A' and <= 'Z');
    }

    private static bool IsRunOf(string value, int from, Func<char, bool> allowed)
    {
        for (var i = from; i < value.Length; i++)
        {
            if (!allowed(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A phrase written in PascalCase (ThisIsMyJwtSecretKeyForDevelopmentOnly): letters only, four or more words, each a
    /// capital and two or more lowercase letters. A person typed it as a stand-in; a generated key is never this regular
    /// (gitleaks and detect-secrets likewise keep such low-entropy phrases out).
    /// </summary>
    public static bool IsPascalCasePhrase(string value)
    {
        if (value.Length < 16 || value[0] is not (>= 'A' and <= 'Z'))
        {
            return false;
        }

        int words = 0, voweled = 0, wordLength = 0;
        var hasVowel = false;
        foreach (var c in value)
        {
            if (c is >= 'A' and <= 'Z')
            {
                if (words > 0 && wordLength == 0)
                {
                    return false;
                }

                voweled += hasVowel ? 1 : 0;
                (words, wordLength, hasVowel) = (words + 1, 0, IsVowel(c));
            }
            else if (c is >= 'a' and <= 'z')
            {
                wordLength++;
                hasVowel |= IsVowel(c);
            }
            else
            {
                return false;
            }
        }

        voweled += hasVowel ? 1 : 0;
        return wordLength > 0 && words >= 4 && voweled * 4 >= words * 3;
    }

    private static bool IsVowel(char c) => (char)(c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    // Paddle Billing client-side tokens (live_ or test_ and 27 lowercase hex digits) are meant for Paddle.js in the browser.
    // Mollie's live_/test_ API keys are 30 alphanumerics, so they are not taken for one.
    private static bool IsPaddleClientToken(string value) =>
        value.Length == 32 && (value.StartsWith("live_", StringComparison.Ordinal) || value.StartsWith("test_", StringComparison.Ordinal))
        && IsRunOf(value, 5, static c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>12, 15, 18, 21 or 24 words of 3 to 8 lowercase letters, one space apart (the shape of a BIP39 mnemonic).</summary>
    public static bool IsMnemonicPhrase(string value)
    {
        if (value.Length < 47 || value.Length > 215)
        {
            return false;
        }

        var words = 0;
        var letters = 0;
        foreach (var c in value)
        {
            if (c is >= 'a' and <= 'z')
            {
                letters++;
            }
            else if (c == ' ' && letters is >= 3 and <= 8)
            {
                words++;
                letters = 0;
            }
            else
            {
                return false;
            }
        }

        if (letters is < 3 or > 8)
        {
            return false;
        }

        words++;
        return words is 12 or 15 or 18 or 21 or 24;
    }

    private static bool StartsWithAny(string value, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // organizations/{id}/apiKeys/{id}, projects/p/secrets/s: a resource name, led by a lowercase word and a '/', with
    // another '/'; an AWS ARN (arn:aws:secretsmanager:…) names a secret, it does not hold one.
    private static bool IsResourcePath(string value)
    {
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return true;
        }

        var slash = value.IndexOf('/');
        if (slash < 5 || value.IndexOf('/', slash + 1) < 0)
        {
            return false;
        }

        for (var i = 0; i < slash; i++)
        {
            if (value[i] is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] AuthorizationSchemes = ["bearer ", "basic ", "token ", "apikey ", "api-key ", "sso-key ", "ssws ", "splunk ", "key ", "digest "];

    /// <summary>The length of a leading authorization scheme and its spaces ("Bearer ", "token "), or 0.</summary>
    public static int SchemeLength(string value)
    {
        foreach (var scheme in AuthorizationSchemes)
        {
            if (value.Length > scheme.Length + 8 && SecretText.IndexOfIgnoreCase(value, 0, scheme.Length, scheme) == 0)
            {
                var end = scheme.Length;
                while (end < value.Length && value[end] == ' ')
                {
                    end++;
                }

                return end;
            }
        }

        return 0;
    }

    // An htpasswd or shadow line (user:$apr1$salt$hash) holds a password hash under a user name.
    private static bool IsDataOrHash(string value) =>
        StartsWithAny(value, DataPrefixes)
        || (value.IndexOf(":$", StringComparison.Ordinal) is var colon and > 0 && colon < 64 && StartsWithAny(value.Substring(colon + 1), DataPrefixes));

    // A password that names one (db-password, smtp_secret) is a key name or a reference, not a password.
    private static bool NamesASecret(string value)
    {
        // A long random run with digits (esecret_k3j...) is a token that carries the word as its prefix.
        int run = 0, longestDigitRun = 0;
        var runHasDigit = false;
        foreach (var c in value)
        {
            if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }

            if (c is '-' or '_' or '.')
            {
                (run, runHasDigit) = (0, false);
                continue;
            }

            run++;
            runHasDigit |= c is >= '0' and <= '9';
            if (runHasDigit && run > longestDigitRun)
            {
                longestDigitRun = run;
            }
        }

        return longestDigitRun < 24 && (value.Contains("password") || value.Contains("secret") || value.Contains("passwd") || value.Contains("token"));
    }

    // Environment variable names (DB_PASSWORD), configuration paths (Database:Password), URLs, file paths, format
    // strings and sentences are names of secrets or messages about them, not secrets.
    private static bool LooksLikeNameOrPath(string value, bool keyOrToken)
    {
        bool upperOrUnderscore = true, hasUnderscore = false, onlyNameChars = true, hasSeparator = false, wordsOnly = true, hasWordSeparator = false;
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\\' || (c == '{' && value.IndexOf('}') > 0))
            {
                return true;
            }

            upperOrUnderscore &= c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
            hasUnderscore |= c == '_';
            hasSeparator |= c is ':' or '.';
            onlyNameChars &= c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or ':' or '.';
            wordsOnly &= c is >= 'a' and <= 'z' or '_' or '-' or ':' or '.';
            hasWordSeparator |= c is '_' or '-' or ':' or '.';
        }

        wordsOnly &= hasWordSeparator;

        // For keys and tokens, word lists without digits (client_credentials, urn:ietf:params:oauth:jwt-bearer) name
        // protocol values; for passwords they may be a passphrase (correct-horse-battery-staple), so they stay.
        // Name=value;Name=value lists are connection strings (SSB1003 reads their Password and keys).
        return (upperOrUnderscore && hasUnderscore)
            || (keyOrToken && value.IndexOf(';') > 0 && value.IndexOf('=') > 0)
            || (onlyNameChars && hasSeparator && !HasDigit(value))
            || (keyOrToken && wordsOnly && value.Length < 64)
            || IsHostName(value)
            || value.IndexOf("://", StringComparison.Ordinal) is > 0 and < 20
            || value[0] is '/' or '~';
    }

    // orders-1a2b3c4.svc.example-4627.pinecone.io: lowercase labels, at least two dots, a letters-only last label.
    private static bool IsHostName(string value)
    {
        var dots = 0;
        foreach (var c in value)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        var last = value.LastIndexOf('.');
        return dots >= 2 && last < value.Length - 2 && IsLettersOnly(value, last + 1, value.Length - last - 1);
    }

    private static bool HasDigit(string value)
    {
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                return true;
            }
        }

        return false;
    }

    // Letters-only values shorter than 32 characters are words or identifiers (cancellationToken), not keys.
    private static bool HasDigitOrSymbolOrMixedCase(string value)
    {
        bool lower = false, upper = false;
        foreach (var c in value)
        {
            if (c is >= 'a' and <= 'z')
            {
                lower = true;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                upper = true;
            }
            else
            {
                return true;
            }
        }

        return lower && upper && value.Length >= 32;
    }

    private static int Normalize(string name)
    {
        var buffer = _buffer ??= new char[256];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-' or '.' or ':' or ' ' or '@' or '$')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = SecretText.ToLowerAscii(c);
        }

        return length;
    }

    private static bool IsExactly(string word, int length) => word.Length == length && IndexOf(word, length) == 0;

    private static (int At, int Length) FindAny(string[] words, int length)
    {
        foreach (var word in words)
        {
            var at = IndexOf(word, length);
            if (at >= 0)
            {
                return (at, word.Length);
            }
        }

        return (-1, 0);
    }

    private static int IndexOf(string word, int length)
    {
        var buffer = _buffer!;
        for (var i = 0; i + word.Length <= length; i++)
        {
            var j = 0;
            while (j < word.Length && buffer[i + j] == word[j])
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
}
