using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>A regular expression pattern from request data or assembled from unescaped values, run without a match timeout.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegexInjectionAnalyzer : DiagnosticAnalyzer
{
    private const int NonBacktracking = 1024;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.RegexInjection, "Regex pattern from input without a timeout",
        "The regular expression pattern is built from non-constant input and has no match timeout; escape the input with Regex.Escape or pass a timeout",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RegexInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var regex = start.Compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
            if (regex is null)
            {
                return;
            }

            start.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (SymbolEqualityComparer.Default.Equals(creation.Type, regex))
                    {
                        Check(c, creation.Arguments);
                    }
                },
                OperationKind.ObjectCreation);
            start.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.IsStatic && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, regex))
                    {
                        Check(c, invocation.Arguments);
                    }
                },
                OperationKind.Invocation);
        });
    }

    private static void Check(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
    {
        var pattern = InjectionParts.Argument(arguments, "pattern");
        if (pattern is null || arguments.Any(a => a.Parameter?.Name == "matchTimeout"))
        {
            return;
        }

        if (InjectionParts.Argument(arguments, "options")?.Value is { ConstantValue: { HasValue: true, Value: int options } } && (options & NonBacktracking) != 0)
        {
            return;
        }

        if (TaintSources.IsRequestData(pattern.Value) || TaintSources.IsBuiltFromNonConstant(pattern.Value, InjectionParts.IsEscaped))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, pattern.Value.Syntax.GetLocation()));
        }
    }
}
