using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets.Corpus;

/// <summary>The thirteen places a secret is written in, as the held-out measure counts them.</summary>
public enum SecretContext
{
    Interpolated,
    Comment,
    RawOrUtf8,
    Verbatim,
    Argument,
    Const,
    StaticReadonly,
    Local,
    ObjectInitializer,
    DictionaryInitializer,
    AppSettings,
    NuGetConfig,
    EnvOrWebConfig,
}

/// <summary>
/// One held-out case: a value given to <c>Section:Key</c> (the provider word and the setting name, as real code names
/// it) in one context; or, for shapes only one API has (NetworkCredential, X509Certificate2, ...), a member written
/// out with <c>VALUE</c> where the literal goes. A member may instead hold the value as text: <c>RAWVALUE</c> (as is,
/// for comments), <c>INTERPVALUE</c> (escaped for a regular interpolated string), <c>JSONVALUE</c> or <c>XMLVALUE</c>
/// (escaped for JSON or XML). For the configuration contexts the member is the whole file, named <paramref name="File"/>.
/// </summary>
public sealed record CorpusCase(string Group, string Provider, string Section, string Key, string Value, bool IsSecret, SecretContext Context, string? Member = null, string? File = null);

/// <summary>
/// Renders held-out cases into C# classes (one class per case) and configuration files (one file per case), runs the
/// secret analyzers through the Verify facade, and scores recall and precision by context and by group. Cases are
/// written from providers' public token documentation and other scanners' published rule descriptions, not from our
/// catalog, so the figures show what the catalog and the detection lack. Values are generated at run time.
/// </summary>
public static class HeldOutCorpus
{
    public static readonly SecretContext[] CodeContexts =
    [
        SecretContext.Interpolated, SecretContext.Comment, SecretContext.RawOrUtf8, SecretContext.Verbatim, SecretContext.Argument,
        SecretContext.Const, SecretContext.StaticReadonly, SecretContext.Local, SecretContext.ObjectInitializer, SecretContext.DictionaryInitializer,
    ];

    public sealed record Result(CorpusCase Case, bool Flagged, string Detail);

    public static async Task<IReadOnlyList<Result>> RunAsync(IReadOnlyList<CorpusCase> cases)
    {
        var source = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            using System.Text;
            namespace Corpus;
            static class U { public static void Use(params object?[] values) { } }

            """);
        var lineOwners = new List<int>();
        void Line(string text, int owner)
        {
            foreach (var line in text.Split('\n'))
            {
                source.Append(line).Append('\n');
                lineOwners.Add(owner);
            }
        }

        for (var i = 0; i < 6; i++)
        {
            lineOwners.Add(-1);
        }

        var files = new List<(string Path, string Text)>();
        var fileOwners = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            if (c.Context is SecretContext.AppSettings or SecretContext.NuGetConfig or SecretContext.EnvOrWebConfig)
            {
                var (name, text) = ConfigFile(c, i);
                var path = $"/corpus/case{i}/{name}";
                files.Add((path, text));
                fileOwners[path] = i;
            }
            else
            {
                Line($"class Case{i}\n{{\n{Member(c, i)}\n}}", i);
            }
        }

        var flagged = new string?[cases.Count];
        if (Environment.GetEnvironmentVariable("SSB_CORPUS_DUMP") is { } dump)
        {
            File.WriteAllText(dump, source.ToString());
        }

        var code = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), source.ToString());
        foreach (var d in code)
        {
            var owner = lineOwners[d.Location.GetLineSpan().StartLinePosition.Line];
            if (owner >= 0)
            {
                flagged[owner] ??= d.Id + " " + d.GetMessage();
            }
        }

        var config = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", [.. files]);
        foreach (var d in config)
        {
            if (fileOwners.TryGetValue(d.Location.GetLineSpan().Path, out var owner))
            {
                flagged[owner] ??= d.Id + " " + d.GetMessage();
            }
        }

        return [.. cases.Select((c, i) => new Result(c, flagged[i] is not null, flagged[i] ?? string.Empty))];
    }

    /// <summary>Recall, precision and the per-context and per-group breakdown, as text for the test output.</summary>
    public static (double Recall, double Precision, string Report) Score(IReadOnlyList<Result> results)
    {
        var secrets = results.Where(r => r.Case.IsSecret).ToList();
        var lookAlikes = results.Where(r => !r.Case.IsSecret).ToList();
        var tp = secrets.Count(r => r.Flagged);
        var fp = lookAlikes.Count(r => r.Flagged);
        var recall = (double)tp / secrets.Count;
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var report = new StringBuilder();
        report.AppendLine($"secrets: {secrets.Count} of {secrets.Select(r => r.Case.Provider).Distinct().Count()} providers, look-alikes: {lookAlikes.Count}");
        report.AppendLine($"recall {recall:P1} ({tp}/{secrets.Count}), precision {precision:P1} ({fp} false positives)");
        foreach (var group in secrets.GroupBy(r => r.Case.Context.ToString()).Concat(secrets.GroupBy(r => r.Case.Group)))
        {
            report.AppendLine($"  {group.Key,-22} {group.Count(r => r.Flagged),3}/{group.Count(),-3} {(double)group.Count(r => r.Flagged) / group.Count():P0}");
        }

        foreach (var miss in secrets.Where(r => !r.Flagged))
        {
            report.AppendLine($"  missed: {miss.Case.Provider} {miss.Case.Section}:{miss.Case.Key} in {miss.Case.Context} ({SecretText.Mask(miss.Case.Value, 0, miss.Case.Value.Length)})");
        }

        foreach (var hit in lookAlikes.Where(r => r.Flagged))
        {
            report.AppendLine($"  false positive: {hit.Case.Group} {hit.Case.Section}:{hit.Case.Key} in {hit.Case.Context}: {hit.Detail}");
        }

        return (recall, precision, report.ToString());
    }

    /// <summary>Assigns contexts round-robin, so every context gets cases of every group.</summary>
    public static List<CorpusCase> Spread(IEnumerable<CorpusCase> cases, int offset = 0)
    {
        var all = Enum.GetValues<SecretContext>();
        return [.. cases.Select((c, i) => c.Member is null ? c with { Context = all[(i + offset) % all.Length] } : c)];
    }

    private static string Member(CorpusCase c, int i)
    {
        var v = c.Value;
        if (c.Member is not null)
        {
            return Fill(c.Member, v);
        }

        var pascal = c.Section + c.Key;
        var camel = char.ToLowerInvariant(pascal[0]) + pascal[1..];
        var lower = c.Section.ToLowerInvariant();
        var lit = Literal(v);
        return c.Context switch
        {
            SecretContext.Const => $"    private const string {pascal} = {lit};",
            SecretContext.StaticReadonly => $"    internal static readonly string {pascal} = {lit};",
            SecretContext.Local => $"    void M()\n    {{\n        var {camel} = {lit};\n        U.Use({camel});\n    }}",
            SecretContext.Verbatim => $"    void M()\n    {{\n        string {camel} = @\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n        U.Use({camel});\n    }}",
            SecretContext.RawOrUtf8 when i % 2 == 0 && !v.Contains('"') => v.Contains('\n')
                ? $"    void M()\n    {{\n        var {camel} = \"\"\"\n{v}\n\"\"\";\n        U.Use({camel});\n    }}"
                : $"    void M()\n    {{\n        var {camel} = \"\"\"{v}\"\"\";\n        U.Use({camel});\n    }}",
            SecretContext.RawOrUtf8 => $"    static ReadOnlySpan<byte> {pascal} => {lit}u8;",
            SecretContext.Argument => (i % 3) switch
            {
                0 => $"    void M() => Environment.SetEnvironmentVariable(\"{Snake(c.Section)}_{Snake(c.Key)}\", {lit});",
                1 => $"    sealed class {c.Section}Client {{ public {c.Section}Client(string key) {{ }} }}\n    object M() => new {c.Section}Client({lit});",
                _ => $"    void M(System.Net.Http.HttpClient client) => client.DefaultRequestHeaders.Add(\"X-{c.Section}-{c.Key}\", {lit});",
            },
            SecretContext.ObjectInitializer => $"    sealed class {c.Section}Options {{ public string? {c.Key} {{ get; set; }} }}\n    object M() => new {c.Section}Options {{ {c.Key} = {lit} }};",
            SecretContext.DictionaryInitializer => i % 2 == 0
                ? $"    Dictionary<string, string> M() => new() {{ [\"{c.Section}:{c.Key}\"] = {lit} }};"
                : $"    Dictionary<string, string> M() => new() {{ {{ \"{Snake(c.Section)}_{Snake(c.Key)}\", {lit} }} }};",
            SecretContext.Interpolated => Interpolated(c, i, lower),
            SecretContext.Comment => v.Contains('\n')
                ? $"    /* {c.Section} {c.Key}:\n{v}\n    */\n    void M() {{ }}"
                : (i % 3) switch
                {
                    0 => $"    // {c.Section} {c.Key}: {v}\n    void M() {{ }}",
                    1 => $"    // {Snake(c.Section)}_{Snake(c.Key)}={v}\n    void M() {{ }}",
                    _ => $"    /* {c.Section}:{c.Key} = {v} */\n    void M() {{ }}",
                },
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Context, null),
        };
    }

    /// <summary>
    /// Puts the value into a member template: the text forms (RAWVALUE, INTERPVALUE, JSONVALUE, XMLVALUE) in one pass, so
    /// that a value is never substituted twice; templates with none of them keep the plain VALUE replacement.
    /// </summary>
    private static string Fill(string template, string v) =>
        TextForms.Any(f => template.Contains(f, StringComparison.Ordinal))
            ? TextForm.Replace(template, m => m.Value switch
            {
                "RAWVALUE" => v,
                "INTERPVALUE" => InterpolationText(v),
                "JSONVALUE" => JsonText(v),
                "XMLVALUE" => XmlText(v),
                _ => Literal(v),
            })
            : template.Replace("VALUE", Literal(v), StringComparison.Ordinal);

    private static readonly string[] TextForms = ["RAWVALUE", "INTERPVALUE", "JSONVALUE", "XMLVALUE"];

    // No word boundary before: a value is often glued to a prefix (botINTERPVALUE, key=RAWVALUE).
    private static readonly System.Text.RegularExpressions.Regex TextForm = new("(?:RAW|INTERP|JSON|XML)?VALUE", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The value as the text of a regular (non-verbatim) interpolated string.</summary>
    private static string InterpolationText(string value) =>
        value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string JsonText(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string XmlText(string value) =>
        System.Security.SecurityElement.Escape(value).Replace("\n", "&#xA;", StringComparison.Ordinal);

    private static string Interpolated(CorpusCase c, int i, string lower)
    {
        var v = InterpolationText(c.Value);
        if (c.Value.Contains("://", StringComparison.Ordinal))
        {
            return $"    string M(long ts) => $\"{v}{(c.Value.Contains('?') ? '&' : '?')}ts={{ts}}\";";
        }

        if (c.Value.Contains('\n') || c.Value.Contains(' ') || c.Value.Contains(';'))
        {
            return $"    string M(string extra) => $\"{v}\\n{{extra}}\";";
        }

        // A URL's password position makes any value a password, so look-alikes are placed in query strings and paths only.
        return (c.IsSecret || i % 3 != 1 ? i % 3 : 0) switch
        {
            0 => $"    string M(string to) => $\"https://api.{lower}.com/v1/send?{Snake(c.Key).ToLowerInvariant()}={v}&to={{to}}\";",
            1 => $"    string M(string user, string host) => $\"https://{{user}}:{v}@{{host}}/{lower}\";",
            _ => $"    string M(string baseUrl, int page) => $\"{{baseUrl}}/{lower}/items?page={{page}}&{c.Key}={v}\";",
        };
    }

    private static (string Name, string Text) ConfigFile(CorpusCase c, int i)
    {
        var json = JsonText(c.Value);
        var xml = XmlText(c.Value);
        return c.Context switch
        {
            _ when c.Member is not null => (c.File ?? throw new ArgumentException($"Case {c.Provider} {c.Section}:{c.Key} writes a whole configuration file but names none.", nameof(c)), Fill(c.Member, c.Value)),
            SecretContext.AppSettings => ("appsettings.json", $$"""
                {
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "{{c.Section}}": {
                    "{{c.Key}}": "{{json}}"
                  }
                }
                """),
            SecretContext.NuGetConfig when i % 2 == 0 => ("nuget.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="{c.Section}" value="https://pkgs.{c.Section.ToLowerInvariant()}.io/nuget/v3/index.json" />
                  </packageSources>
                  <packageSourceCredentials>
                    <{c.Section}>
                      <add key="Username" value="build" />
                      <add key="ClearTextPassword" value="{xml}" />
                    </{c.Section}>
                  </packageSourceCredentials>
                </configuration>
                """),
            SecretContext.NuGetConfig => ("nuget.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <apikeys>
                    <add key="https://pkgs.{c.Section.ToLowerInvariant()}.io/nuget/v3/index.json" value="{xml}" />
                  </apikeys>
                </configuration>
                """),
            _ when i % 2 == 0 => (".env", $"# {c.Provider}\n{Snake(c.Section)}_{Snake(c.Key)}={json}\n"),
            _ => ("web.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <appSettings>
                    <add key="{c.Section}:{c.Key}" value="{xml}" />
                  </appSettings>
                </configuration>
                """),
        };
    }

    /// <summary>A nuget.config with nuget.org and one more source with its credentials (the password or token is the value, XMLVALUE).</summary>
    public static string NuGetWithCredentials(string key, string url, string user) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
        + "    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />\n"
        + $"    <add key=\"{key}\" value=\"{url}\" />\n  </packageSources>\n  <packageSourceCredentials>\n    <{key}>\n"
        + $"      <add key=\"Username\" value=\"{user}\" />\n      <add key=\"ClearTextPassword\" value=\"XMLVALUE\" />\n    </{key}>\n"
        + "  </packageSourceCredentials>\n</configuration>\n";

    /// <summary>A nuget.config with nuget.org as the only source, followed by <paramref name="inner"/> (more sections, with XMLVALUE where the value goes).</summary>
    public static string NuGetFile(string inner) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
        + "    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />\n  </packageSources>\n" + inner + "</configuration>\n";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>SCREAMING_SNAKE of a PascalCase word (AuthToken gives AUTH_TOKEN).</summary>
    public static string Snake(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}

/// <summary>Short names of the thirteen contexts, for the case lists of the batches (<c>using static</c>).</summary>
public static class Contexts
{
    public const SecretContext Interp = SecretContext.Interpolated;
    public const SecretContext Comment = SecretContext.Comment;
    public const SecretContext Raw = SecretContext.RawOrUtf8;
    public const SecretContext Verbatim = SecretContext.Verbatim;
    public const SecretContext Arg = SecretContext.Argument;
    public const SecretContext Const = SecretContext.Const;
    public const SecretContext Static = SecretContext.StaticReadonly;
    public const SecretContext Local = SecretContext.Local;
    public const SecretContext Obj = SecretContext.ObjectInitializer;
    public const SecretContext Dict = SecretContext.DictionaryInitializer;
    public const SecretContext Json = SecretContext.AppSettings;
    public const SecretContext NuGet = SecretContext.NuGetConfig;
    public const SecretContext EnvWeb = SecretContext.EnvOrWebConfig;
}

/// <summary>
/// The case list a batch writes into: a secret as a value for Section:Key (S), as a member written out with VALUE,
/// RAWVALUE, INTERPVALUE... where the value goes (M), or as a whole configuration file (F); look-alikes in the same three
/// forms (L, LM, LF). A look-alike's provider is its section or label, never its kind, so the .env header line gives no hint.
/// </summary>
public sealed class CaseList : List<CorpusCase>
{
    public void S(string group, string provider, string section, string key, SecretContext context, string value) =>
        Add(new CorpusCase(group, provider, section, key, value, true, context));

    public void M(string group, string provider, SecretContext context, string member, string value) =>
        Add(new CorpusCase(group, provider, "Code", context.ToString(), value, true, context, member));

    public void F(string group, string provider, SecretContext context, string file, string text, string value) =>
        Add(new CorpusCase(group, provider, "File", file, value, true, context, text, file));

    public void L(string kind, string section, string key, SecretContext context, string value) =>
        Add(new CorpusCase(kind, section, section, key, value, false, context));

    public void LM(string kind, string label, SecretContext context, string member, string value) =>
        Add(new CorpusCase(kind, label, label, context.ToString(), value, false, context, member));

    public void LF(string kind, string label, SecretContext context, string file, string text, string value) =>
        Add(new CorpusCase(kind, label, label, file, value, false, context, text, file));
}

/// <summary>Synthetic, format-valid token material generated at run time from a seed (never a live secret).</summary>
public sealed class TokenMaker(int seed)
{
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Digits = "0123456789";
    public const string HexChars = "0123456789abcdef";
    public const string Alnum = Upper + Lower + Digits;
    public const string UrlSafe = Alnum + "_-";

    private readonly Random _random = new(seed);

    public string From(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    public string Hex(int length) => From(HexChars, length);

    public string AlphaNum(int length) => From(Alnum, length);

    public string Url(int length) => From(UrlSafe, length);

    public string Base64(int bytes) => Convert.ToBase64String(Bytes(bytes));

    public string Base64Url(int bytes) => Convert.ToBase64String(Bytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    public string Uuid() => new Guid(Bytes(16)).ToString();

    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>A GitHub/npm-style token: prefix, thirty random base62 characters and their CRC32 checksum.</summary>
    public string Checksummed(string prefix)
    {
        var body = AlphaNum(30);
        return prefix + body + SecretText.Crc32Base62(body);
    }

    /// <summary>A PEM block of <paramref name="lines"/> 64-character base64 lines.</summary>
    public string Pem(string label, int lines, string? headers = null)
    {
        var body = new StringBuilder();
        var data = Base64(48 * lines);
        for (var i = 0; i < lines; i++)
        {
            body.Append(data, i * 64, 64).Append('\n');
        }

        return $"-----BEGIN {label}-----\n{headers}{body}-----END {label}-----";
    }

    /// <summary>An OpenAI-style project or service key: the prefix, 58 URL-safe characters, the T3BlbkFJ marker and 58 more.</summary>
    public string OpenAiStyle(string prefix) => prefix + Url(58) + "T3BlbkFJ" + Url(58);

    /// <summary>A PEM block with its newlines written as the two characters \n, as JSON and .env values hold one.</summary>
    public string EscapedPem(string label, int lines) => Pem(label, lines).Replace("\n", "\\n", StringComparison.Ordinal);

    public string Jwt(string payload) =>
        B64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64Url(payload) + "." + Base64Url(32);

    /// <summary>A JWT with the given header and payload and a random signature of <paramref name="signatureBytes"/> bytes.</summary>
    public string Jwt(string header, string payload, int signatureBytes) => B64Url(header) + "." + B64Url(payload) + "." + Base64Url(signatureBytes);

    /// <summary>A Microsoft Entra ID client secret: three characters, the <c>8Q~</c> marker and thirty-four more.</summary>
    public string EntraSecret() => AlphaNum(3) + "8Q~" + From(Alnum + "_~.-", 34);

    public static string B64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
