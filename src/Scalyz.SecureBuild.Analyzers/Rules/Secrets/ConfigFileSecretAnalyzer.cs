using System;
using System.Collections.Immutable;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// SSB1006: secrets in configuration files the package adds as AdditionalFiles (appsettings*.json, web.config,
/// app.config, nuget.config, .env, launchSettings.json, local.settings.json, *.pubxml): catalog formats anywhere in the
/// file, and literal values of credential-named keys (JSON properties, &lt;add key= value=&gt;, XML elements and
/// attributes, KEY=value lines), of keys under a credential-named section ("ApiKeys": { "Stripe": ... }), and the
/// general mechanisms of <see cref="GeneralCredentials"/> (URL keys, tokens as URL user names).
/// User secrets (secrets.json) and templates (.env.example) are never read.
/// </summary>
public sealed class ConfigFileSecretAnalyzer : DiagnosticAnalyzer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private static readonly Regex JsonPair = new(@"""(?<k>[^""\\]{1,120})""\s*:\s*""(?<v>(?:[^""\\]|\\.){1,8000})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    private static readonly Regex XmlAddPair = new(@"\b(?:key|name)\s*=\s*""(?<k>[^""]{1,120})""[^>]*?\b(?:value|connectionString)\s*=\s*""(?<v>[^""]{1,8000})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, Timeout);

    private static readonly Regex XmlElement = new(@"<(?<k>[A-Za-z][\w.\-]{0,80})>(?<v>[^<]{1,2000})</\k<k>>", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    private static readonly Regex XmlAttribute = new(@"\s(?<k>[A-Za-z][\w\-]{1,60})\s*=\s*""(?<v>[^""]{1,400})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    private static readonly Regex EnvLine = new(@"^\s*(?:export\s+)?(?<k>[A-Za-z_][A-Za-z0-9_.]{0,120})\s*=\s*(?:""(?<v>(?:[^""\\\r\n]|\\.){1,8000})""|'(?<v>[^'\r\n]{1,8000})'|(?<v>[^\s""'][^\r\n]{0,8000}?))(?=\s+#|\s*$)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SecretDescriptors.ConfigFile);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(AnalyzeFiles);
    }

    /// <summary>The configuration file kind from its name, or null when the file is not one the rule reads.</summary>
    internal static ConfigFileKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase) || name.Equals("local.settings.json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.Json;
        }

        if (name.Equals("web.config", StringComparison.OrdinalIgnoreCase) || name.Equals("app.config", StringComparison.OrdinalIgnoreCase)
            || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pubxml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.Xml;
        }

        if (name.Equals(".env", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase) && !IsTemplate(name)))
        {
            return ConfigFileKind.Env;
        }

        return null;
    }

    private static bool IsTemplate(string name) =>
        name.EndsWith(".example", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".sample", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".template", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dist", StringComparison.OrdinalIgnoreCase);

    private static void AnalyzeFiles(CompilationAnalysisContext context)
    {
        var isTestProject = HardcodedSecretAnalyzer.IsTestProject(context.Compilation, context.Options);
        foreach (var file in context.Options.AdditionalFiles)
        {
            if (KindOf(file.Path) is not { } kind)
            {
                continue;
            }

            var settings = SecretSettings.From(context.Options.AnalyzerConfigOptionsProvider.GetOptions(file));
            if ((isTestProject && settings.SkipTestProjects) || settings.IsExcluded(file.Path) || file.GetText(context.CancellationToken) is not { } text)
            {
                continue;
            }

            AnalyzeFile(context, file.Path, kind, text, settings);
        }
    }

    private static void AnalyzeFile(CompilationAnalysisContext context, string path, ConfigFileKind kind, SourceText text, SecretSettings settings)
    {
        var content = text.ToString();
        var fileName = Path.GetFileName(path);
        var sections = new Sections();
        foreach (var line in text.Lines)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var span = line.Span;
            if (span.Length == 0)
            {
                continue;
            }

            if (SecretScanner.TryFind(content, span.Start, span.Length, settings, out var match))
            {
                Report(context, path, text, match.Start, match.Length, match.Label, match.Mask(content), fileName);
            }
            else
            {
                var pair = kind switch
                {
                    ConfigFileKind.Json => JsonPair,
                    ConfigFileKind.Env => EnvLine,
                    _ => null,
                };
                if (pair is not null)
                {
                    TryReportPair(context, path, text, content, span, pair, settings, fileName, sections);
                }
                else if (!TryReportPair(context, path, text, content, span, XmlAddPair, settings, fileName, sections)
                    && !TryReportPair(context, path, text, content, span, XmlElement, settings, fileName, sections))
                {
                    // <network host="smtp.example.com" userName="..." password="..." />: credential-named attributes.
                    TryReportPair(context, path, text, content, span, XmlAttribute, settings, fileName, sections);
                }
            }

            if (kind == ConfigFileKind.Json)
            {
                sections.ReadJson(content, span);
            }
            else if (kind == ConfigFileKind.Xml)
            {
                sections.ReadXml(content, span);
            }
        }
    }

    private static bool TryReportPair(CompilationAnalysisContext context, string path, SourceText text, string content, TextSpan line, Regex pattern, SecretSettings settings, string fileName, Sections sections)
    {
        try
        {
            for (var m = pattern.Match(content, line.Start, line.Length); m.Success; m = m.NextMatch())
            {
                var key = m.Groups["k"].Value;
                var value = m.Groups["v"];
                if (value.Value.StartsWith("AQAAANCMnd8BFdERjHoAwE", StringComparison.Ordinal) || SecretText.IsEncryptedEnvelope(content, value.Index, value.Length))
                {
                    // DPAPI-protected values (nuget.config's encrypted Password) are bound to one machine, not a leak;
                    // SOPS/Jasypt/Ansible Vault envelopes are ciphertext committed on purpose.
                    continue;
                }

                // A value with no prefix of its own counts under a provider's section or key ("Twilio": { "AuthToken": ... }).
                var qualified = sections.Qualify(key);
                if (!SecretScanner.NamesAnIdentifier(key, 0, key.Length)
                    && SecretScanner.TryFindAnchoredValue(qualified, 0, qualified.Length, content, value.Index, value.Length, settings, out var match))
                {
                    Report(context, path, text, value.Index, value.Length, match.Label, match.Mask(content), fileName);
                    return true;
                }

                // nuget.config's <apikeys> section holds package feed API keys under the feed's URL.
                var kind = sections.InApiKeys ? CredentialKind.Key : CredentialNames.Classify(key);
                var name = key;
                if (kind == CredentialKind.None && pattern != XmlAttribute && sections.Parent is { Length: > 0 } parent)
                {
                    // "ApiKeys": { "Stripe": "..." }, "Passwords": { "Admin": "..." }: the section names the credential;
                    // the whole path is classified, so "Password": { "RequiredLength": ... } stays a setting.
                    name = parent + ":" + key;
                    kind = CredentialNames.Classify(name);
                }

                if (kind != CredentialKind.None && !CredentialNames.IsFixturePassword(name, kind, value.Value) && (CredentialNames.IsSecretValue(kind, value.Value, settings)
                    || CredentialNames.IsProviderGuidPassword(name, kind, value.Value, settings)
                    || (kind == CredentialKind.Password && IsGroupedPassword(value.Value, settings))))
                {
                    Report(context, path, text, value.Index, value.Length, "The value of '" + name + "'", SecretText.Mask(value.Value, 0, value.Length), fileName);
                    return true;
                }

                if (kind == CredentialKind.None && GeneralCredentials.IsLooseCredential(key, value.Value, settings))
                {
                    Report(context, path, text, value.Index, value.Length, "The value of '" + key + "'", SecretText.Mask(value.Value, 0, value.Length), fileName);
                    return true;
                }

                // A value that holds a credential of its own: a URL's ?code= or &sig=, "Authorization: Bearer ...".
                if (CommentCredentials.TryFind(content, value.Index, value.Length, settings, out var inner, inLiteral: true)
                    || GeneralCredentials.TryFind(content, value.Index, value.Length, settings, out inner))
                {
                    Report(context, path, text, inner.Start, inner.Length, "The value of '" + key + "'", inner.Mask(content), fileName);
                    return true;
                }

                // A value written escaped (a PEM key's line breaks as \n in JSON or &#xA; in XML, a quoted attribute as \"):
                // the value as the application reads it.
                if (Unescape(value.Value, xml: pattern != JsonPair && pattern != EnvLine) is { } decoded
                    && SecretScanner.TryFind(decoded, 0, decoded.Length, settings, out inner))
                {
                    Report(context, path, text, value.Index, value.Length, inner.Label, inner.Mask(decoded), fileName);
                    return true;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line is skipped rather than stalling the build.
        }

        return false;
    }

    /// <summary>
    /// A JSON (or .env) value with its backslash escapes decoded, or an XML value with its entities decoded; null when
    /// the value has none, so the common value costs one search.
    /// </summary>
    internal static string? Unescape(string value, bool xml)
    {
        var marker = xml ? '&' : '\\';
        var at = value.IndexOf(marker);
        if (at < 0)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(value.Length);
        builder.Append(value, 0, at);
        for (var i = at; i < value.Length; i++)
        {
            var c = value[i];
            if (c != marker || i + 1 >= value.Length)
            {
                builder.Append(c);
                continue;
            }

            if (!xml)
            {
                var next = value[++i];
                builder.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
                continue;
            }

            var semicolon = value.IndexOf(';', i + 1, System.Math.Min(8, value.Length - i - 1));
            var entity = semicolon < 0 ? null : value.Substring(i + 1, semicolon - i - 1);
            char? decoded = entity switch
            {
                "#xA" or "#xa" or "#10" => '\n',
                "#xD" or "#xd" or "#13" => '\r',
                "#x9" or "#9" => '\t',
                "quot" => '"',
                "apos" => '\'',
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                _ => null,
            };
            if (decoded is { } d)
            {
                builder.Append(d);
                i = semicolon;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // An app password written in groups (Google's "abcd efgh ijkl mnop"): three to six groups of the same length, 4 to 8
    // letters or digits, one space apart; judged without the spaces.
    private static bool IsGroupedPassword(string value, SecretSettings settings)
    {
        var groups = value.Split(' ');
        if (groups.Length is < 3 or > 6)
        {
            return false;
        }

        foreach (var group in groups)
        {
            if (group.Length != groups[0].Length || group.Length is < 4 or > 8)
            {
                return false;
            }

            foreach (var c in group)
            {
                if (!SecretScanner.IsAlphanumeric(c))
                {
                    return false;
                }
            }
        }

        var joined = string.Concat(groups);
        return CredentialNames.IsSecretValue(CredentialKind.Password, joined, settings) && SecretText.Entropy(joined, 0, joined.Length) >= 3.0;
    }

    /// <summary>The JSON objects or XML elements a line sits in, so a key is read with its provider section.</summary>
    private sealed class Sections
    {
        private readonly System.Collections.Generic.List<string> _open = [];

        public bool InApiKeys => _open.Exists(s => s.Equals("apikeys", StringComparison.OrdinalIgnoreCase));

        /// <summary>The innermost open JSON object's key, or null at the top level or in XML.</summary>
        public string? Parent => _open.Count == 0 || _xml ? null : _open[_open.Count - 1];

        private bool _xml;

        public string Qualify(string key) => _open.Count == 0 ? key : string.Join(":", _open) + ":" + key;

        public void ReadJson(string content, TextSpan line)
        {
            string? lastString = null, pendingKey = null;
            for (var i = line.Start; i < line.End; i++)
            {
                var c = content[i];
                if (c == '"')
                {
                    var start = ++i;
                    while (i < line.End && content[i] != '"')
                    {
                        i += content[i] == '\\' ? 2 : 1;
                    }

                    lastString = content.Substring(start, Math.Min(i, line.End) - start);
                }
                else if (c == ':')
                {
                    pendingKey = lastString;
                }
                else if (c is '{' or '[')
                {
                    _open.Add(pendingKey ?? string.Empty);
                    pendingKey = null;
                }
                else if (c is '}' or ']' && _open.Count > 0)
                {
                    _open.RemoveAt(_open.Count - 1);
                }
            }
        }

        public void ReadXml(string content, TextSpan line)
        {
            _xml = true;
            for (var i = content.IndexOf('<', line.Start, line.Length); i >= 0 && i < line.End - 1; i = content.IndexOf('<', i + 1, line.End - i - 1))
            {
                var closing = content[i + 1] == '/';
                var start = closing ? i + 2 : i + 1;
                var end = start;
                while (end < line.End && (char.IsLetterOrDigit(content[end]) || content[end] is '.' or '-' or '_' or ':'))
                {
                    end++;
                }

                if (end == start)
                {
                    continue;
                }

                var close = content.IndexOf('>', end, line.End - end);
                if (closing)
                {
                    if (_open.Count > 0)
                    {
                        _open.RemoveAt(_open.Count - 1);
                    }
                }
                else if (close > 0 && content[close - 1] != '/')
                {
                    _open.Add(content.Substring(start, end - start));
                }
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, string path, SourceText text, int start, int length, string label, string masked, string fileName)
    {
        var span = new TextSpan(start, length);
        var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.ConfigFile, location, label, masked, fileName));
    }
}

/// <summary>The syntax a configuration file's key/value pairs are written in.</summary>
internal enum ConfigFileKind
{
    Json,
    Xml,
    Env,
}
