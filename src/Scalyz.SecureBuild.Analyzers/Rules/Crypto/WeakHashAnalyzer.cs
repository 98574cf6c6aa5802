using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags MD5, SHA-1 and RIPEMD-160 (classes, one-shot HashData, HMAC variants, IncrementalHash, signatures).</summary>
public sealed class WeakHashAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the weak algorithm (MD5, SHA1, RIPEMD160, HMACMD5, HMACSHA1).</summary>
    public const string AlgorithmProperty = "Algorithm";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.WeakHash, "Weak hash algorithm",
        "{0} is a broken hash algorithm; use SHA-256 or stronger (for passwords use a key-derivation function)",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.WeakHash));

    private static readonly string[] NonSecurityWords = ["etag", "checksum", "cachekey", "dedup", "deduplication"];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var c = start.Compilation;
            INamedTypeSymbol?[] weak =
            [
                c.GetTypeByMetadataName("System.Security.Cryptography.MD5"),
                c.GetTypeByMetadataName("System.Security.Cryptography.SHA1"),
                c.GetTypeByMetadataName("System.Security.Cryptography.RIPEMD160"),
                c.GetTypeByMetadataName("System.Security.Cryptography.HMACMD5"),
                c.GetTypeByMetadataName("System.Security.Cryptography.HMACSHA1"),
                c.GetTypeByMetadataName("System.Security.Cryptography.HMACRIPEMD160"),
            ];
            var hashAlgorithmName = c.GetTypeByMetadataName("System.Security.Cryptography.HashAlgorithmName");
            if (hashAlgorithmName is null && System.Array.TrueForAll(weak, t => t is null))
            {
                return;
            }

            var hashAlgorithm = c.GetTypeByMetadataName("System.Security.Cryptography.HashAlgorithm");
            var symbols = new Symbols(
                weak,
                hashAlgorithmName,
                c.GetTypeByMetadataName("System.Security.Cryptography.IncrementalHash"),
                c.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricAlgorithm"),
                c.GetTypeByMetadataName("System.Security.Cryptography.CryptoConfig"),
                hashAlgorithm,
                TypeChecks.CommonBase(weak, hashAlgorithm));
            // Keyed on the created type and on the called method's type: the first test of each check below, kept per type.
            start.RegisterOperationActionForTypes(t => IsWeak(t, symbols), ctx => AnalyzeCreation(ctx, symbols), OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(
                t => IsWeak(t, symbols) || t.Is(symbols.CryptoConfig) || t.IsOrDerivesFrom(symbols.HashAlgorithm) || t.Is(symbols.IncrementalHash) || t.IsOrDerivesFrom(symbols.Asymmetric),
                ctx => AnalyzeInvocation(ctx, symbols),
                OperationKind.Invocation);
        });
    }

    private static bool IsWeak(INamedTypeSymbol type, Symbols symbols) => type.MayDeriveFrom(symbols.WeakBase) && type.IsOrDerivesFromAny(symbols.Weak, out _);

    private static void AnalyzeCreation(OperationAnalysisContext context, Symbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type.MayDeriveFrom(symbols.WeakBase) && creation.Type.IsOrDerivesFromAny(symbols.Weak, out var matched) && !IsNonSecurityUse(creation))
        {
            Report(context, creation, matched!.Name);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, Symbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.IsStatic && method.ContainingType.MayDeriveFrom(symbols.WeakBase) && method.ContainingType.IsOrDerivesFromAny(symbols.Weak, out var matched))
        {
            if (!IsNonSecurityUse(invocation))
            {
                Report(context, invocation, matched!.Name);
            }

            return;
        }

        // HashAlgorithm.Create("MD5") and CryptoConfig.CreateFromName("SHA1") pick the algorithm by name.
        if (method.Name is "Create" or "CreateFromName" && invocation.Arguments.Length == 1
            && (method.ContainingType.Is(symbols.CryptoConfig) || method.ContainingType.IsOrDerivesFrom(symbols.HashAlgorithm))
            && ValueTracker.Constant(invocation.Arguments[0].Value).Value is string name && WeakName(name) is { } weakName)
        {
            Report(context, invocation, weakName);
            return;
        }

        var takesName = method.ContainingType.Is(symbols.IncrementalHash)
            || (method.Name.StartsWith("Sign", System.StringComparison.Ordinal) && method.ContainingType.IsOrDerivesFrom(symbols.Asymmetric));
        if (!takesName || symbols.HashAlgorithmName is null)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Is(symbols.HashAlgorithmName) == true && AlgorithmName(argument.Value) is { } algorithm)
            {
                Report(context, argument.Value, algorithm);
            }
        }
    }

    /// <summary>The weak algorithm a HashAlgorithmName value names, if any (HashAlgorithmName.MD5, new HashAlgorithmName("SHA1"), locals holding them).</summary>
    internal static string? AlgorithmName(IOperation value)
    {
        var resolved = ValueTracker.Resolve(value);
        return resolved switch
        {
            IPropertyReferenceOperation { Property.IsStatic: true } p when p.Property.ContainingType.Name == "HashAlgorithmName" => WeakName(p.Property.Name),
            IObjectCreationOperation { Arguments.Length: 1 } o => ValueTracker.Constant(o.Arguments[0].Value).Value is string s ? WeakName(s) : null,
            _ => null,
        };
    }

    private static string? WeakName(string name) => name.ToUpperInvariant().Replace("-", string.Empty) switch
    {
        "MD5" or "SYSTEM.SECURITY.CRYPTOGRAPHY.MD5" => "MD5",
        "SHA1" or "SHA" or "SYSTEM.SECURITY.CRYPTOGRAPHY.SHA1" => "SHA1",
        "RIPEMD160" or "SYSTEM.SECURITY.CRYPTOGRAPHY.RIPEMD160" => "RIPEMD160",
        "HMACMD5" => "HMACMD5",
        "HMACSHA1" => "HMACSHA1",
        _ => null,
    };

    // A hash used as an ETag, cache key or checksum protects nothing; the names say so and the rule stays quiet.
    private static bool IsNonSecurityUse(IOperation operation)
    {
        var names = new[] { ValueTracker.DestinationName(operation), ValueTracker.EnclosingMemberName(operation) };
        foreach (var name in names)
        {
            var lower = name?.ToLowerInvariant();
            if (lower is not null && System.Array.Exists(NonSecurityWords, w => lower.Contains(w)))
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string algorithm) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(AlgorithmProperty, algorithm), algorithm));

    private sealed class Symbols(INamedTypeSymbol?[] weak, INamedTypeSymbol? hashAlgorithmName, INamedTypeSymbol? incrementalHash, INamedTypeSymbol? asymmetric, INamedTypeSymbol? cryptoConfig, INamedTypeSymbol? hashAlgorithm, INamedTypeSymbol? weakBase)
    {
        public INamedTypeSymbol?[] Weak { get; } = weak;

        /// <summary>The base every weak type derives from (a cheap first test), or null when there is none to rely on.</summary>
        public INamedTypeSymbol? WeakBase { get; } = weakBase;

        public INamedTypeSymbol? HashAlgorithmName { get; } = hashAlgorithmName;

        public INamedTypeSymbol? IncrementalHash { get; } = incrementalHash;

        public INamedTypeSymbol? Asymmetric { get; } = asymmetric;

        public INamedTypeSymbol? CryptoConfig { get; } = cryptoConfig;

        public INamedTypeSymbol? HashAlgorithm { get; } = hashAlgorithm;
    }
}
