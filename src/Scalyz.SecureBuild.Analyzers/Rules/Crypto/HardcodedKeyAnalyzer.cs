using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Flags keys (SSB2004) and IVs/nonces (SSB2005) fixed in the source: byte-array literals, zero-filled buffers,
/// Encoding.GetBytes of a literal, reached directly, through a local assigned once, a readonly field or a helper.
/// </summary>
public sealed class HardcodedKeyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor KeyRule = new(
        DiagnosticIds.HardcodedKey, "Hard-coded cryptographic key",
        "This key is fixed in the source code; generate it randomly and keep it in a key store",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.HardcodedKey));

    private static readonly DiagnosticDescriptor IvRule = new(
        DiagnosticIds.ConstantIv, "Constant IV or nonce",
        "This {0} is constant; generate a fresh random one for every encryption (RandomNumberGenerator.GetBytes)",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ConstantIv));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(KeyRule, IvRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var c = start.Compilation;
            var symmetric = c.GetTypeByMetadataName("System.Security.Cryptography.SymmetricAlgorithm");
            if (symmetric is null)
            {
                return;
            }

            var symbols = new Symbols(
                symmetric,
                c.GetTypeByMetadataName("System.Security.Cryptography.KeyedHashAlgorithm"),
                c.GetTypeByMetadataName("System.Security.Cryptography.AesGcm"),
                c.GetTypeByMetadataName("System.Security.Cryptography.AesCcm"),
                c.GetTypeByMetadataName("System.Security.Cryptography.ChaCha20Poly1305"));
            // Keyed on the assigned property's type and the called method's type, the types each check requires below.
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFrom(symbols.Symmetric) || t.IsOrDerivesFrom(symbols.KeyedHash), ctx => AnalyzeAssignment(ctx, symbols), OperationKind.SimpleAssignment);
            start.RegisterOperationActionForTypes(
                t => t.Is(symbols.AesGcm) || t.Is(symbols.AesCcm) || t.Is(symbols.ChaCha) || t.IsOrDerivesFrom(symbols.Symmetric) || t.IsOrDerivesFrom(symbols.KeyedHash),
                ctx => AnalyzeArguments(ctx, symbols),
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Symbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "Key" or "IV" } property })
        {
            return;
        }

        var owner = property.ContainingType;
        if ((owner.IsOrDerivesFrom(symbols.Symmetric) || (property.Name == "Key" && owner.IsOrDerivesFrom(symbols.KeyedHash)))
            && ValueTracker.IsHardCodedBytes(assignment.Value))
        {
            Report(context, assignment.Value, property.Name == "Key" ? KeyRule : IvRule, "IV");
        }
    }

    private static void AnalyzeArguments(OperationAnalysisContext context, Symbols symbols)
    {
        // A key, IV or nonce parameter is the rare thing, and its name a cached string: look for one before any type.
        var (method, arguments) = TypeChecks.CallTarget(context.Operation);
        if (method is null || !HasKeyOrIvParameter(arguments))
        {
            return;
        }

        var type = method.ContainingType;
        var isAead = type.Is(symbols.AesGcm) || type.Is(symbols.AesCcm) || type.Is(symbols.ChaCha);
        var isSymmetric = type.IsOrDerivesFrom(symbols.Symmetric);
        var isKeyedHash = type.IsOrDerivesFrom(symbols.KeyedHash);
        if (!isAead && !isSymmetric && !isKeyedHash)
        {
            return;
        }

        foreach (var argument in arguments)
        {
            var name = argument.Parameter?.Name;
            var rule = name switch
            {
                "key" or "rgbKey" when isAead || isKeyedHash || method.MethodKind == MethodKind.Constructor || method.Name.StartsWith("Create", System.StringComparison.Ordinal) => KeyRule,
                "rgbIV" or "iv" when isSymmetric => IvRule,
                "nonce" when isAead && method.Name == "Encrypt" => IvRule,
                _ => null,
            };
            if (rule is not null && argument.ArgumentKind == ArgumentKind.Explicit && ValueTracker.IsHardCodedBytes(argument.Value))
            {
                Report(context, argument.Value, rule, name == "nonce" ? "nonce" : "IV");
            }
        }
    }

    private static bool HasKeyOrIvParameter(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is "key" or "rgbKey" or "rgbIV" or "iv" or "nonce")
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OperationAnalysisContext context, IOperation value, DiagnosticDescriptor rule, string what) =>
        context.ReportDiagnostic(Diagnostic.Create(rule, value.Syntax.GetLocation(), what));

    private sealed class Symbols(INamedTypeSymbol symmetric, INamedTypeSymbol? keyedHash, INamedTypeSymbol? aesGcm, INamedTypeSymbol? aesCcm, INamedTypeSymbol? chaCha)
    {
        public INamedTypeSymbol Symmetric { get; } = symmetric;

        public INamedTypeSymbol? KeyedHash { get; } = keyedHash;

        public INamedTypeSymbol? AesGcm { get; } = aesGcm;

        public INamedTypeSymbol? AesCcm { get; } = aesCcm;

        public INamedTypeSymbol? ChaCha { get; } = chaCha;
    }
}
