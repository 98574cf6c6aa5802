using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Deserialization;

/// <summary>Flags JavaScriptSerializer constructed with a type resolver (SimpleTypeResolver or any other), which lets the payload pick the type.</summary>
public sealed class JavaScriptSerializerTypeResolverAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.JavaScriptSerializerTypeResolver, "JavaScriptSerializer with a type resolver",
        "JavaScriptSerializer with {0} instantiates whatever type the JSON names; construct it without a resolver",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.JavaScriptSerializerTypeResolver));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var serializer = start.Compilation.GetTypeByMetadataName("System.Web.Script.Serialization.JavaScriptSerializer");
            var resolver = start.Compilation.GetTypeByMetadataName("System.Web.Script.Serialization.JavaScriptTypeResolver");
            if (serializer is null || resolver is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx => AnalyzeCreation(ctx, serializer, resolver), OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol serializer, INamedTypeSymbol resolver)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!creation.Type.IsOrDerivesFrom(serializer))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Type.IsOrDerivesFrom(resolver) == true && ValueTracker.Constant(argument.Value) is not { HasValue: true, Value: null })
            {
                var value = ValueTracker.Resolve(argument.Value);
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), value.Type?.Name ?? "a type resolver"));
            }
        }
    }
}
