using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Deserialization;

/// <summary>
/// Flags Json.NET TypeNameHandling other than None on JsonSerializerSettings or JsonSerializer when the same object gets
/// no SerializationBinder (in the initializer or afterwards), and in [JsonProperty]/[JsonObject]/[JsonContainer] attributes.
/// </summary>
public sealed class JsonNetTypeNameHandlingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.JsonNetTypeNameHandling, "Json.NET TypeNameHandling without a binder",
        "TypeNameHandling.{0} lets the JSON choose the type to instantiate, which leads to code execution; use TypeNameHandling.None or set a SerializationBinder that allows only known types",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.JsonNetTypeNameHandling));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var handling = start.Compilation.GetTypeByMetadataName("Newtonsoft.Json.TypeNameHandling");
            if (handling is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx => AnalyzeAssignment(ctx, handling), OperationKind.SimpleAssignment);
            start.RegisterSyntaxNodeAction(ctx => AnalyzeAttributeArgument(ctx, handling), SyntaxKind.AttributeArgument);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol handling)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property, Instance: { } instance }
            || !property.Type.Is(handling) || Name(assignment.Value, handling) is not { } name)
        {
            return;
        }

        var hasBinder = ValueTracker.AssignmentsOnSameObject(instance, "SerializationBinder")
            .Concat(ValueTracker.AssignmentsOnSameObject(instance, "Binder"))
            .Any(b => ValueTracker.Constant(b.Value) is not { HasValue: true, Value: null });
        if (!hasBinder)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), name));
        }
    }

    private static void AnalyzeAttributeArgument(SyntaxNodeAnalysisContext context, INamedTypeSymbol handling)
    {
        var argument = (AttributeArgumentSyntax)context.Node;

        // Most named attribute arguments are literals (Justification = "...", AllowMultiple = true), and a literal is
        // never an enum value other than 0: skip them before asking the semantic model to bind the attribute.
        if (argument.NameEquals is null || argument.Expression is LiteralExpressionSyntax or TypeOfExpressionSyntax or InterpolatedStringExpressionSyntax)
        {
            return;
        }

        var type = context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).Type;
        var constant = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
        if (type.Is(handling) && constant is { HasValue: true, Value: int value } && value != 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Expression.GetLocation(), MemberName(handling, value)));
        }
    }

    private static string? Name(IOperation value, INamedTypeSymbol handling) =>
        ValueTracker.Constant(value) is { HasValue: true, Value: int number } && number != 0 ? MemberName(handling, number) : null;

    private static string MemberName(INamedTypeSymbol handling, int value) =>
        handling.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
