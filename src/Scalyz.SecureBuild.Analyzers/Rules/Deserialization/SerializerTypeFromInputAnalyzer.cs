using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Deserialization;

/// <summary>
/// Flags DataContractSerializer, DataContractJsonSerializer and XmlSerializer whose root type or known types come from
/// a type name that is not a constant (Type.GetType(input)), so the data decides what gets instantiated.
/// </summary>
public sealed class SerializerTypeFromInputAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SerializerTypeFromInput, "Serializer type chosen by input",
        "{0} gets its type from a name that is not a constant, so the input decides what is instantiated; use fixed types",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SerializerTypeFromInput));

    private static readonly string[] SerializerNames =
    [
        "System.Runtime.Serialization.DataContractSerializer",
        "System.Runtime.Serialization.Json.DataContractJsonSerializer",
        "System.Xml.Serialization.XmlSerializer",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var serializers = System.Array.ConvertAll(SerializerNames, start.Compilation.GetTypeByMetadataName);
            var type = start.Compilation.GetTypeByMetadataName("System.Type");
            // JsonSerializer.Deserialize(json, type) and JsonConvert.DeserializeObject(json, type) with the type chosen by input.
            INamedTypeSymbol?[] typedCalls =
            [
                start.Compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer"),
                start.Compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert"),
            ];
            if (type is null || (System.Array.TrueForAll(serializers, t => t is null) && System.Array.TrueForAll(typedCalls, t => t is null)))
            {
                return;
            }

            // Keyed: a serializer created, JsonSerializer or JsonConvert called; both checked again below.
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFromAny(serializers, out _), ctx => AnalyzeCreation(ctx, serializers, type), OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(typedCalls), ctx => AnalyzeCall(ctx, typedCalls, type), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol?[] serializers, INamedTypeSymbol type)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Arguments.IsEmpty || !creation.Type.IsOrDerivesFromAny(serializers, out var matched))
        {
            return;
        }

        foreach (var argument in creation.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit))
        {
            if (IsTypeFromInput(argument.Value, type, 0))
            {
                var node = argument.Value.Syntax;
                while (node.Parent is PostfixUnaryExpressionSyntax or ParenthesizedExpressionSyntax)
                {
                    node = node.Parent;
                }

                context.ReportDiagnostic(Diagnostic.Create(Rule, node.GetLocation(), matched!.Name));
            }
        }
    }

    private static void AnalyzeCall(OperationAnalysisContext context, INamedTypeSymbol?[] owners, INamedTypeSymbol type)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("Deserialize" or "DeserializeAsync" or "DeserializeObject")
            || !System.Array.Exists(owners, o => invocation.TargetMethod.ContainingType.Is(o)))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Is(type) == true && IsTypeFromInput(argument.Value, type, 0))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), invocation.TargetMethod.ContainingType.Name));
            }
        }
    }

    private static bool IsTypeFromInput(IOperation value, INamedTypeSymbol type, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        var resolved = ValueTracker.Resolve(value);
        switch (resolved)
        {
            case IInvocationOperation { TargetMethod: { Name: "GetType", IsStatic: true } method } invocation
                when method.ContainingType.Is(type) || method.ContainingType.Name == "Assembly" || method.ContainingType.Name == "BuildManager":
                return invocation.Arguments.Length > 0 && !ValueTracker.IsConstantString(invocation.Arguments[0].Value);
            case IInvocationOperation { TargetMethod.Name: "GetType", Instance: { } assembly } invocation when assembly.Type?.Name == "Assembly":
                return invocation.Arguments.Length > 0 && !ValueTracker.IsConstantString(invocation.Arguments[0].Value);
            case IArrayCreationOperation { Initializer: not null }:
#if ROSLYN_4_8_OR_GREATER
            case ICollectionExpressionOperation:
#endif
                return CollectionValues.Flatten(resolved).Any(e => IsTypeFromInput(e, type, depth + 1));
            case IInvocationOperation { TargetMethod.Name: "Select" or "ToArray" or "ToList" } linq:
                // names.Select(Type.GetType) or names.Select(n => Type.GetType(n)): the known types are built from data.
                return linq.Descendants().OfType<IInvocationOperation>().Any(i => i != linq && i.TargetMethod.Name == "GetType" && i.TargetMethod.IsStatic && i.Arguments.Length > 0)
                    || linq.Descendants().OfType<IMethodReferenceOperation>().Any(m => m.Method.Name == "GetType" && m.Method.ContainingType.Is(type));
            default:
                return false;
        }
    }
}
