using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// A debug feature switched on without a Development check around it or before it: UseDeveloperExceptionPage(),
/// UseDatabaseErrorPage(), SignalR HubOptions.EnableDetailedErrors = true, Blazor CircuitOptions.DetailedErrors = true,
/// IdentityModelEventSource.ShowPII = true. A check whose branch is the non-Development one (if (!env.IsDevelopment())) does not count.
/// </summary>
public sealed class DeveloperExceptionPageAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.DeveloperExceptionPage, "Debug feature enabled outside Development",
        "{0} runs in every environment, so production errors show stack traces, source or personal data to anyone; enable it only when IsDevelopment()",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DeveloperExceptionPage));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var builder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
            var hubOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.HubOptions");
            var circuitOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.Server.CircuitOptions");
            var eventSource = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Logging.IdentityModelEventSource");
            if (builder is not null)
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, builder), OperationKind.Invocation);
            }

            if (hubOptions is not null || circuitOptions is not null || eventSource is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, hubOptions, circuitOptions, eventSource), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol builder)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("UseDeveloperExceptionPage" or "UseDatabaseErrorPage")
            || !invocation.TargetMethod.IsExtensionMethod
            || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.Parameters[0].Type, builder)
            || IsGuarded(invocation))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name + "()"));
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol? hubOptions, INamedTypeSymbol? circuitOptions, INamedTypeSymbol? eventSource)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "EnableDetailedErrors" or "DetailedErrors" or "ShowPII" } property })
        {
            return;
        }

        var type = property.ContainingType;
        var isDebugSwitch = property.Name switch
        {
            "EnableDetailedErrors" => type.IsOrDerivesFrom(hubOptions),
            "DetailedErrors" => type.IsOrDerivesFrom(circuitOptions),
            _ => SymbolEqualityComparer.Default.Equals(type, eventSource),
        };
        if (isDebugSwitch && ValueTracker.Constant(assignment.Value) is { HasValue: true, Value: true } && !IsGuarded(assignment))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), $"{type.Name}.{property.Name} = true"));
        }
    }

    private static bool IsGuarded(IOperation call)
    {
        for (IOperation? current = call; current is not null; current = current.Parent)
        {
            if (current.Parent is IConditionalOperation conditional && conditional.Condition != current && DevelopmentWhen(conditional.Condition, 0) is { Found: true } check)
            {
                // if (env.IsDevelopment()) { here } or if (env.IsProduction()) { } else { here }; not if (!env.IsDevelopment()) { here }.
                if (check.DevelopmentWhenTrue is not { } developmentWhenTrue || developmentWhenTrue == (conditional.WhenTrue == current))
                {
                    return true;
                }
            }

            // An early exit before the call: if (!env.IsDevelopment()) return;
            if (current.Parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(current);
                if (block.Operations.Take(index).OfType<IConditionalOperation>().Any(c => DevelopmentWhen(c.Condition, 0).Found && c.WhenTrue.DescendantsAndSelf().Any(o => o is IReturnOperation or IThrowOperation)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Found: the condition looks at the environment. DevelopmentWhenTrue: whether Development is the true branch
    /// (IsDevelopment, IsEnvironment) or the false one (IsProduction, IsStaging, or a negation); null when either may be
    /// (an EnvironmentName comparison, a check combined with other conditions).
    /// </summary>
    private static (bool Found, bool? DevelopmentWhenTrue) DevelopmentWhen(IOperation condition, int depth)
    {
        if (depth > 6)
        {
            return (false, null);
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                var inner = DevelopmentWhen(not.Operand, depth + 1);
                return (inner.Found, !inner.DevelopmentWhenTrue);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                when binary.RightOperand.ConstantValue is { HasValue: true, Value: bool constant } && DevelopmentWhen(binary.LeftOperand, depth + 1) is { Found: true } left:
                return (true, constant == (binary.OperatorKind == BinaryOperatorKind.Equals) ? left.DevelopmentWhenTrue : !left.DevelopmentWhenTrue);
            case IInvocationOperation invocation when invocation.TargetMethod.Name.StartsWith("IsDevelopment", StringComparison.Ordinal) || invocation.TargetMethod.Name == "IsEnvironment":
                return (true, true);
            case IInvocationOperation invocation when invocation.TargetMethod.Name is "IsProduction" or "IsStaging":
                return (true, false);
            case IConditionalOperation or IBinaryOperation:
                // a && b, a || b: any environment check in it guards the call as before (one branch is Development).
                var any = condition.Descendants().Any(o => o is IInvocationOperation i && (i.TargetMethod.Name.StartsWith("IsDevelopment", StringComparison.Ordinal) || i.TargetMethod.Name is "IsEnvironment" or "IsProduction" or "IsStaging")
                    || o is IPropertyReferenceOperation { Property.Name: "EnvironmentName" });
                return (any, null);
            default:
                return (condition.DescendantsAndSelf().Any(o => o is IPropertyReferenceOperation { Property.Name: "EnvironmentName" }), null);
        }
    }
}
