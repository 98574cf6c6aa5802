using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Flags System.Random producing a security value: its result lands in a token, password, key, salt, nonce or similar
/// (by the name of the variable, member, parameter or enclosing method). Random for games, sampling or jitter is left alone.
/// </summary>
public sealed class InsecureRandomAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InsecureRandom, "Predictable random number for a security value",
        "System.Random is predictable and '{0}' looks like a security value; use RandomNumberGenerator",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InsecureRandom));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var random = start.Compilation.GetTypeByMetadataName("System.Random");
            if (random is null)
            {
                return;
            }

            // Keyed: only methods of Random and the types derived from it are checked below.
            start.RegisterOperationActionForTypes(t => t.IsOrDerivesFrom(random), ctx => AnalyzeInvocation(ctx, random), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol random)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.IsStatic || method.Name is not ("Next" or "NextInt64" or "NextBytes" or "NextDouble" or "NextSingle" or "GetItems" or "GetString" or "GetHexString")
            || !method.ContainingType.IsOrDerivesFrom(random))
        {
            return;
        }

        var name = method.Name == "NextBytes" && invocation.Arguments.Length == 1 ? BufferName(invocation.Arguments[0].Value) : null;
        name ??= ElementDestination(invocation) ?? ValueTracker.DestinationName(invocation);
        if (!SecurityNames.IsSecurityName(name))
        {
            name = ValueTracker.EnclosingMemberName(invocation);
        }

        if (SecurityNames.IsSecurityName(name))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), name));
        }
    }

    private static string? BufferName(IOperation buffer) => buffer switch
    {
        IConversionOperation c => BufferName(c.Operand),
        ILocalReferenceOperation l => l.Local.Name,
        IFieldReferenceOperation f => f.Field.Name,
        IParameterReferenceOperation p => p.Parameter.Name,
        IPropertyReferenceOperation p => p.Property.Name,
        _ => null,
    };

    // chars[random.Next(...)] inside a loop that builds a token: the index feeds the collection the token is made of.
    private static string? ElementDestination(IOperation invocation)
    {
        var parent = invocation.Parent is IConversionOperation c ? c.Parent : invocation.Parent;
        if (parent is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true })
        {
            return ValueTracker.DestinationName(parent);
        }

        return null;
    }
}
