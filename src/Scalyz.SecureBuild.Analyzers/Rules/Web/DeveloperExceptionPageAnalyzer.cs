using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>UseDeveloperExceptionPage() called without an environment check (IsDevelopment) around it or before it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeveloperExceptionPageAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.DeveloperExceptionPage, "Developer exception page outside Development",
        "UseDeveloperExceptionPage() runs in every environment, so production errors show stack traces and source to anyone; call it only when IsDevelopment()",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DeveloperExceptionPage));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "UseDeveloperExceptionPage"
            || invocation.TargetMethod.ContainingNamespace?.ToDisplayString() != "Microsoft.AspNetCore.Builder"
            || IsGuarded(invocation))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation()));
    }

    private static bool IsGuarded(IOperation call)
    {
        for (IOperation? current = call; current is not null; current = current.Parent)
        {
            if (current.Parent is IConditionalOperation conditional && conditional.Condition != current && ChecksEnvironment(conditional.Condition))
            {
                return true;
            }

            // An early exit before the call: if (!env.IsDevelopment()) return;
            if (current.Parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(current);
                if (block.Operations.Take(index).OfType<IConditionalOperation>().Any(c => ChecksEnvironment(c.Condition) && c.WhenTrue.DescendantsAndSelf().Any(o => o is IReturnOperation or IThrowOperation)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ChecksEnvironment(IOperation condition) =>
        condition.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => i.TargetMethod.Name.StartsWith("IsDevelopment", StringComparison.Ordinal)
            || i.TargetMethod.Name is "IsEnvironment" or "IsProduction" or "IsStaging")
        || condition.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(p => p.Property.Name == "EnvironmentName");
}
