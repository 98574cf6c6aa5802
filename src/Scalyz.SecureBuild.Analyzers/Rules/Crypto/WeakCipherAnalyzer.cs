using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags DES, Triple DES, RC2 and RC4 ciphers, however they are created.</summary>
public sealed class WeakCipherAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.WeakCipher, "Broken or weak cipher",
        "{0} is a broken or weak cipher; use AES (Aes.Create()) or AesGcm",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.WeakCipher));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

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

            INamedTypeSymbol?[] weak =
            [
                c.GetTypeByMetadataName("System.Security.Cryptography.DES"),
                c.GetTypeByMetadataName("System.Security.Cryptography.TripleDES"),
                c.GetTypeByMetadataName("System.Security.Cryptography.RC2"),
            ];
            var cryptoConfig = c.GetTypeByMetadataName("System.Security.Cryptography.CryptoConfig");
            var weakBase = TypeChecks.CommonBase(weak, symmetric);
            // Keyed on the created type and the called method's type, the types the checks below require.
            start.RegisterOperationActionForTypes(
                t => (t.MayDeriveFrom(weakBase) && t.IsOrDerivesFromAny(weak, out _)) || t.Name is "RC4Engine" or "RC4" or "ARC4",
                ctx => AnalyzeCreation(ctx, weak, weakBase),
                OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(
                t => t.IsOrDerivesFromAny(weak, out _) || t.Is(symmetric) || t.Is(cryptoConfig),
                ctx => AnalyzeInvocation(ctx, weak, symmetric, cryptoConfig),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol?[] weak, INamedTypeSymbol? weakBase)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type.MayDeriveFrom(weakBase) && creation.Type.IsOrDerivesFromAny(weak, out var matched))
        {
            Report(context, creation, matched!.Name);
        }
        else if (creation.Type is { Name: "RC4Engine" or "RC4" or "ARC4" } rc4)
        {
            // RC4 is not in the BCL; third-party implementations (BouncyCastle's RC4Engine and the like) carry the name.
            Report(context, creation, rc4.Name);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol?[] weak, INamedTypeSymbol symmetric, INamedTypeSymbol? cryptoConfig)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!method.IsStatic || method.Name is not ("Create" or "CreateFromName"))
        {
            return;
        }

        if (method.ContainingType.IsOrDerivesFromAny(weak, out var matched) && method.ReturnType.IsOrDerivesFrom(symmetric))
        {
            Report(context, invocation, matched!.Name);
        }
        else if ((method.ContainingType.Is(symmetric) || method.ContainingType.Is(cryptoConfig)) && invocation.Arguments.Length == 1
            && ValueTracker.Constant(invocation.Arguments[0].Value).Value is string name && WeakName(name) is { } weakName)
        {
            Report(context, invocation, weakName);
        }
    }

    private static string? WeakName(string name)
    {
        var upper = name.ToUpperInvariant();
        var simple = upper.Substring(upper.LastIndexOf('.') + 1);
        return simple switch
        {
            "DES" => "DES",
            "3DES" or "TRIPLEDES" or "TRIPLE DES" => "TripleDES",
            "RC2" => "RC2",
            _ => null,
        };
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string cipher) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), cipher));
}
