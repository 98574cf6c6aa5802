using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Logging;

/// <summary>
/// Application logging switched off in code: SetMinimumLevel(LogLevel.None), a filter that drops every category
/// (AddFilter with no category and LogLevel.None), or ClearProviders() with no provider added back in the same method.
/// </summary>
public sealed class LoggingDisabledAnalyzer : DiagnosticAnalyzer
{
    private const int None = 6;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LoggingDisabled, "Logging disabled",
        "{0} switches off application logging, so failed sign-ins, errors and attacks leave no trace; lower the level of noisy categories instead",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LoggingDisabled));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var builder = start.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILoggingBuilder");
            if (builder is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, builder), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || invocation.Arguments.Length == 0 || !SymbolEqualityComparer.Default.Equals(invocation.Arguments[0].Value.Type, builder))
        {
            return;
        }

        var disables = method.Name switch
        {
            "SetMinimumLevel" => invocation.Arguments.Length == 2 && IsNone(invocation.Arguments[1].Value),
            "AddFilter" => (invocation.Arguments.Length == 3
                    && TaintSources.Resolve(invocation.Arguments[1].Value).ConstantValue is { HasValue: true, Value: null }
                    && IsNone(invocation.Arguments[2].Value))
                // AddFilter((category, level) => false): a filter that drops every message.
                || (invocation.Arguments.Length == 2 && ValueTracker.DelegateBody(invocation.Arguments[1].Value) is { } filter && ValueTracker.AlwaysReturns(filter, false)),
            "ClearProviders" => !ProviderAddedLater(invocation, builder),
            _ => false,
        };
        if (disables)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), method.Name + "(...)"));
        }
    }

    private static bool IsNone(IOperation value) => TaintSources.Resolve(value).ConstantValue is { HasValue: true, Value: int level } && level == None;

    // ClearProviders() followed by AddConsole()/AddSerilog()/... replaces the providers, which is fine.
    private static bool ProviderAddedLater(IInvocationOperation clear, INamedTypeSymbol builder) =>
        TaintSources.Root(clear).Descendants().OfType<IInvocationOperation>().Any(call =>
            call != clear
            && call.Syntax.SpanStart >= clear.Syntax.SpanStart
            && call.TargetMethod.Name.StartsWith("Add", System.StringComparison.Ordinal)
            && call.TargetMethod.Name != "AddFilter"
            && call.Arguments.Length > 0
            && SymbolEqualityComparer.Default.Equals(call.Arguments[0].Value.Type, builder));
}
