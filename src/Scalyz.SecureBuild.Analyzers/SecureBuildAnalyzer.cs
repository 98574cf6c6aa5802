using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Rules.Files;
using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Rules.Logging;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Rules.Transport;
using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Rules.Xml;

namespace Scalyz.SecureBuild.Analyzers;

/// <summary>
/// The one analyzer the compiler sees: it runs every rule of the package. Each rule stays a <see cref="DiagnosticAnalyzer"/>
/// of its own (tests verify it alone), but carries no [DiagnosticAnalyzer] attribute; this host calls each rule's
/// Initialize with a recording context and registers ONE driver action per action kind over the union of what the rules
/// asked for, dispatching by operation, syntax or symbol kind through arrays. The driver then walks each operation block,
/// tree and symbol once for the whole package instead of once per rule, and keeps its per-analyzer state once.
/// Semantics kept (see <see cref="RuleDispatcher"/>): a rule that did not ask for generated code never sees it; a rule
/// whose every diagnostic is suppressed for the compilation is not started; a rule that throws does not stop the others.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecureBuildAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticAnalyzer> rules;
    private readonly ImmutableArray<ImmutableArray<DiagnosticDescriptor>> ruleDiagnostics;
    private readonly bool keyedDispatch;

    /// <summary>The host over every rule of the package.</summary>
    public SecureBuildAnalyzer()
        : this(CreateRules())
    {
    }

    /// <summary>
    /// A host over some rules only (a rule family, for the cost benchmark and for tests). Each rule instance belongs to
    /// this host: it is initialized once per Initialize of the host.
    /// </summary>
    public SecureBuildAnalyzer(IEnumerable<DiagnosticAnalyzer> rules)
        : this(rules, keyedDispatch: true)
    {
    }

    /// <summary>
    /// A host that, without <paramref name="keyedDispatch"/>, calls every keyed operation action for every operation of its
    /// kinds, as if the rules had not keyed them: the equivalence test's reference for the keyed dispatch.
    /// </summary>
    internal SecureBuildAnalyzer(IEnumerable<DiagnosticAnalyzer> rules, bool keyedDispatch)
    {
        this.keyedDispatch = keyedDispatch;
        if (rules is null)
        {
            throw new ArgumentNullException(nameof(rules));
        }

        this.rules = rules.ToImmutableArray();
        if (this.rules.Any(r => r is null or SecureBuildAnalyzer))
        {
            throw new ArgumentException("A rule host runs rules: neither a null rule nor another host.", nameof(rules));
        }

        ruleDiagnostics = this.rules.Select(r => r.SupportedDiagnostics).ToImmutableArray();
        SupportedDiagnostics = ruleDiagnostics.SelectMany(d => d).Distinct().ToImmutableArray();
    }

    /// <summary>The rules this host runs, in the order it runs them.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Rules => rules;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>
    /// A fresh instance of every rule of the package. A new rule must be added here (a convention test checks that every
    /// DiagnosticAnalyzer of the assembly is either this host or one of these).
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
        // Crypto
        new EcbModeAnalyzer(),
        new GuidAsSecretAnalyzer(),
        new HardcodedKeyAnalyzer(),
        new InsecureRandomAnalyzer(),
        new LegacyCryptoTypeAnalyzer(),
        new RsaWithoutOaepAnalyzer(),
        new WeakCipherAnalyzer(),
        new WeakHashAnalyzer(),
        new WeakKeyDerivationAnalyzer(),
        new WeakKeySizeAnalyzer(),

        // Deserialization
        new InsecureFormatterAnalyzer(),
        new JavaScriptSerializerTypeResolverAnalyzer(),
        new JsonNetTypeNameHandlingAnalyzer(),
        new SerializerTypeFromInputAnalyzer(),

        // Files
        new WorldWritableFileAnalyzer(),

        // Injection
        new CommandInjectionAnalyzer(),
        new LdapInjectionAnalyzer(),
        new PathTraversalAnalyzer(),
        new RegexInjectionAnalyzer(),
        new SqlInjectionAnalyzer(),
        new XPathInjectionAnalyzer(),

        // Logging
        new LoggingDisabledAnalyzer(),
        new SecretLoggedAnalyzer(),

        // Secrets
        new ConfigFileSecretAnalyzer(),
        new HardcodedSecretAnalyzer(),

        // Transport
        new CertificateValidationDisabledAnalyzer(),
        new CredentialsOverHttpAnalyzer(),
        new ObsoleteTlsProtocolAnalyzer(),

        // Web
        new AntiforgeryDisabledAnalyzer(),
        new CleartextTransportAnalyzer(),
        new CookieAnalyzer(),
        new CorsAnyOriginAnalyzer(),
        new DeveloperExceptionPageAnalyzer(),
        new JwtValidationAnalyzer(),
        new OpenRedirectAnalyzer(),
        new RequestValidationDisabledAnalyzer(),
        new XssSinkAnalyzer(),

        // Xml
        new XmlDtdProcessingAnalyzer(),
        new XmlResolverAnalyzer(),
        new XsltUnsafeSettingsAnalyzer());

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // What each rule registers when initialized, recorded once per Initialize (the driver may initialize a host more
        // than once, e.g. one per AnalyzerManager); the records are captured by the start action, never stored in fields.
        var recorded = new RuleRegistrations[rules.Length];
        RuleFailure? failure = null;
        for (var i = 0; i < rules.Length; i++)
        {
            recorded[i] = new RuleRegistrations();
            try
            {
                rules[i].Initialize(new RecordingAnalysisContext(recorded[i]) { IgnoreKeys = !keyedDispatch });
            }
            catch (Exception e)
            {
                // Like the driver, which keeps what an analyzer registered before its Initialize threw (a rule registering an
                // action kind the host cannot compose lands here too, with the recorder's message).
                failure ??= new RuleFailure(rules[i], e);
            }
        }

        if (recorded.All(r => r.Concurrent))
        {
            context.EnableConcurrentExecution();
        }

        // The host must see generated code if any rule asked for it; the dispatcher hides it from the others, using the
        // context's IsGeneratedCode, which is the driver's own verdict (generated file name or header, generated_code in
        // .editorconfig, [GeneratedCode] on the symbol).
        var analyzesGeneratedCode = recorded.Any(r => r.AnalyzesGeneratedCode);
        context.ConfigureGeneratedCodeAnalysis(analyzesGeneratedCode
            ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
            : GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => Start(start, recorded, analyzesGeneratedCode));
        if (failure is not null)
        {
            throw failure;
        }
    }

    private void Start(CompilationStartAnalysisContext start, RuleRegistrations[] recorded, bool analyzesGeneratedCode)
    {
        // When the host analyzes generated code, the driver no longer hides what the other rules report there: the host does.
        var dispatcher = new RuleDispatcher(rules, analyzesGeneratedCode ? new GeneratedCodeFilter(start.Compilation, start.Options) : null);
        RuleFailure? failure = null;
        for (var i = 0; i < rules.Length; i++)
        {
            if (IsSuppressed(ruleDiagnostics[i], start.Compilation, start.CancellationToken))
            {
                continue;
            }

            dispatcher.Add(i, recorded[i].Actions, recorded[i].AnalyzesGeneratedCode);
            if (recorded[i].StartActions.Count == 0)
            {
                continue;
            }

            var started = new RuleActions();
            var ruleStart = new RecordingStartContext(start.Compilation, start.Options, started, start.CancellationToken) { IgnoreKeys = !keyedDispatch };
            foreach (var action in recorded[i].StartActions)
            {
                try
                {
                    action(ruleStart);
                }
                catch (Exception e) when (RuleDispatcher.IsFailure(e, start.CancellationToken))
                {
                    // The rule keeps what it registered before it threw, as the driver would keep it; the other rules start.
                    failure ??= new RuleFailure(rules[i], e);
                }
            }

            dispatcher.Add(i, started, recorded[i].AnalyzesGeneratedCode);
        }

        dispatcher.Register(start);
        if (failure is not null)
        {
            // After every rule started and the host registered its actions: the driver reports it (AD0001) naming the rule.
            throw failure;
        }
    }

    /// <summary>
    /// Whether every diagnostic of a rule is turned off for this compilation, decided as the driver decides whether to run
    /// an analyzer at all: a diagnostic is off when its effective severity is Suppress from the compilation options
    /// (ruleset, NoWarn) or the global analyzer config, else its default, unless some syntax tree's .editorconfig section
    /// turns it back on; a rule with a non-configurable diagnostic enabled by default always runs.
    /// </summary>
    internal static bool IsSuppressed(ImmutableArray<DiagnosticDescriptor> diagnostics, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var provider = options.SyntaxTreeOptionsProvider;
        foreach (var descriptor in diagnostics)
        {
            if (descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable))
            {
                if (descriptor.IsEnabledByDefault)
                {
                    return false;
                }

                continue;
            }

            var suppressed = !descriptor.IsEnabledByDefault;
            if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var severity)
                || (provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out severity)))
            {
                suppressed = severity == ReportDiagnostic.Suppress;
            }

            if (suppressed && provider is not null)
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var treeSeverity) && treeSeverity != ReportDiagnostic.Suppress)
                    {
                        suppressed = false;
                        break;
                    }
                }
            }

            if (!suppressed)
            {
                return false;
            }
        }

        return true;
    }
}
