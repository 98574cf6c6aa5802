using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Deserialization;

/// <summary>
/// Flags the formatters that deserialize arbitrary types and cannot be made safe: BinaryFormatter, SoapFormatter,
/// NetDataContractSerializer, LosFormatter, ObjectStateFormatter. Reported where one is created, or where one that
/// arrives from elsewhere (a field or parameter) deserializes.
/// </summary>
public sealed class InsecureFormatterAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InsecureFormatter, "Insecure deserializer",
        "{0} can run arbitrary code when it deserializes untrusted data and cannot be secured; use System.Text.Json or DataContractSerializer with known types",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InsecureFormatter));

    private static readonly string[] TypeNames =
    [
        "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
        "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
        "System.Runtime.Serialization.NetDataContractSerializer",
        "System.Web.UI.LosFormatter",
        "System.Web.UI.ObjectStateFormatter",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = System.Array.ConvertAll(TypeNames, start.Compilation.GetTypeByMetadataName);
            if (System.Array.TrueForAll(types, t => t is null))
            {
                return;
            }

            // Creations keyed on the created type; Deserialize calls stay unkeyed (they test the instance's type, not the method's).
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFromAny(types, out _), ctx => AnalyzeCreation(ctx, types), OperationKind.ObjectCreation);
            start.RegisterOperationAction(ctx => AnalyzeInvocation(ctx, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol?[] types)
    {
        if (context.Operation.Type.IsOrDerivesFromAny(types, out var matched))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), matched!.Name));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol?[] types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is "Deserialize" or "UnsafeDeserialize" or "UnsafeDeserializeMethodResponse" or "ReadObject"
            && invocation.Instance is { } instance
            && instance.Type.IsOrDerivesFromAny(types, out var matched)
            && ValueTracker.Resolve(instance) is not IObjectCreationOperation)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), matched!.Name));
        }
    }
}
