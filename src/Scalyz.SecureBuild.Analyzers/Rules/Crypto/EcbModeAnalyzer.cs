using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags ECB mode: CipherMode.ECB reaching SymmetricAlgorithm.Mode, and the one-shot EncryptEcb/DecryptEcb.</summary>
public sealed class EcbModeAnalyzer : DiagnosticAnalyzer
{
    private const int EcbValue = 2;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.EcbMode, "ECB cipher mode",
        "{0} encrypts in ECB mode, which leaks patterns of the plaintext; use an authenticated mode (AesGcm) or CBC with a random IV and a MAC",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.EcbMode));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symmetric = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.SymmetricAlgorithm");
            var cipherMode = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.CipherMode");
            if (symmetric is null || cipherMode is null)
            {
                return;
            }

            // Keyed: both checks require the assigned property's or the called method's type to be a SymmetricAlgorithm.
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFrom(symmetric), ctx => AnalyzeAssignment(ctx, symmetric, cipherMode), OperationKind.SimpleAssignment);
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFrom(symmetric), ctx => AnalyzeInvocation(ctx, symmetric), OperationKind.Invocation);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol symmetric, INamedTypeSymbol cipherMode)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "Mode" } property }
            && property.Type.Is(cipherMode)
            && property.ContainingType.IsOrDerivesFrom(symmetric)
            && ValueTracker.Constant(assignment.Value) is { HasValue: true, Value: EcbValue })
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), "CipherMode.ECB"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol symmetric)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is "EncryptEcb" or "DecryptEcb" or "TryEncryptEcb" or "TryDecryptEcb"
            && invocation.TargetMethod.ContainingType.IsOrDerivesFrom(symmetric))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
        }
    }
}
