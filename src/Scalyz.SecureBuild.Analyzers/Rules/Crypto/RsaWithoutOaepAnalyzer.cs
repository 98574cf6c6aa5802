using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags RSA encryption with PKCS#1 v1.5 padding (RSAEncryptionPadding.Pkcs1, Encrypt(data, fOAEP: false), the PKCS#1 key-exchange formatter).</summary>
public sealed class RsaWithoutOaepAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.RsaWithoutOaep, "RSA encryption without OAEP",
        "RSA encryption with PKCS#1 v1.5 padding is open to padding-oracle attacks; use RSAEncryptionPadding.OaepSHA256",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RsaWithoutOaep));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var rsa = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.RSA");
            if (rsa is null)
            {
                return;
            }

            var padding = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.RSAEncryptionPadding");
            var formatter = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.RSAPKCS1KeyExchangeFormatter");
            // Keyed: an RSA method, a formatter creation; the checks below test the same types.
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFrom(rsa), ctx => AnalyzeInvocation(ctx, rsa, padding), OperationKind.Invocation);
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(formatter), ctx => AnalyzeCreation(ctx, formatter), OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol rsa, INamedTypeSymbol? padding)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("Encrypt" or "TryEncrypt") || !invocation.TargetMethod.ContainingType.IsOrDerivesFrom(rsa))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            var insecure = argument.Parameter switch
            {
                { Name: "fOAEP" } => ValueTracker.Constant(argument.Value) is { HasValue: true, Value: false },
                { } p when p.Type.Is(padding) => ValueTracker.Resolve(argument.Value) is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Pkcs1" } },
                _ => false,
            };
            if (insecure)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation()));
            }
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol? formatter)
    {
        if (context.Operation.Type.Is(formatter))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation()));
        }
    }
}
