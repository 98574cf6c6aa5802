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
/// app.config, nuget.config, .env, launchSettings.json, *.pubxml): catalog formats anywhere in the file, and literal
/// values of credential-named keys (JSON properties, &lt;add key= value=&gt;, XML elements, KEY=value lines).
/// User secrets (secrets.json) and templates (.env.example) are never read.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigFileSecretAnalyzer : DiagnosticAnalyzer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private static readonly Regex JsonPair = new(@"""(?<k>[^""\\]{1,120})""\s*:\s*""(?<v>(?:[^""\\]|\\.){1,2000})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    private static readonly Regex XmlAddPair = new(@"\b(?:key|name)\s*=\s*""(?<k>[^""]{1,120})""[^>]*?\b(?:value|connectionString)\s*=\s*""(?<v>[^""]{1,2000})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, Timeout);

    private static readonly Regex XmlElement = new(@"<(?<k>[A-Za-z][\w.\-]{0,80})>(?<v>[^<]{1,2000})</\k<k>>", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    private static readonly Regex EnvLine = new(@"^\s*(?:export\s+)?(?<k>[A-Za-z_][A-Za-z0-9_.]{0,120})\s*=\s*[""']?(?<v>[^""'\r\n#]{1,2000})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

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
            || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase))
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
                continue;
            }

            var pair = kind switch
            {
                ConfigFileKind.Json => JsonPair,
                ConfigFileKind.Env => EnvLine,
                _ => null,
            };
            if (pair is not null)
            {
                TryReportPair(context, path, text, content, span, pair, settings, fileName);
            }
            else if (!TryReportPair(context, path, text, content, span, XmlAddPair, settings, fileName))
            {
                TryReportPair(context, path, text, content, span, XmlElement, settings, fileName);
            }
        }
    }

    private static bool TryReportPair(CompilationAnalysisContext context, string path, SourceText text, string content, TextSpan line, Regex pattern, SecretSettings settings, string fileName)
    {
        try
        {
            for (var m = pattern.Match(content, line.Start, line.Length); m.Success; m = m.NextMatch())
            {
                var key = m.Groups["k"].Value;
                var value = m.Groups["v"];
                var kind = CredentialNames.Classify(key);
                // DPAPI-protected values (nuget.config's encrypted Password) are bound to one machine, not a leak.
                if (kind != CredentialKind.None && !value.Value.StartsWith("AQAAANCMnd8BFdERjHoAwE", StringComparison.Ordinal)
                    && CredentialNames.IsSecretValue(kind, value.Value, settings))
                {
                    Report(context, path, text, value.Index, value.Length, "The value of '" + key + "'", SecretText.Mask(value.Value, 0, value.Length), fileName);
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
