using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Transport;

/// <summary>
/// Flags SSL 2.0/3.0 and TLS 1.0/1.1 being enabled through SecurityProtocolType or SslProtocols: the enum member
/// itself (alone or in a flag combination), or a cast integer carrying those bits. Comparisons and removals
/// (<c>&amp;= ~SslProtocols.Tls</c>) are not flagged.
/// </summary>
public sealed class ObsoleteTlsProtocolAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Bits of SSL 2.0 (12), SSL 3.0 (48), TLS 1.0 (192) and TLS 1.1 (768), the same in both enums.</summary>
    private const int ObsoleteBits = 12 | 48 | 192 | 768;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ObsoleteTlsProtocol, "Obsolete TLS/SSL protocol",
        "{0} enables an obsolete protocol with known attacks; let the operating system choose ({1})",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ObsoleteTlsProtocol));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var securityProtocol = start.Compilation.GetTypeByMetadataName("System.Net.SecurityProtocolType");
            var sslProtocols = start.Compilation.GetTypeByMetadataName("System.Security.Authentication.SslProtocols");
            if (securityProtocol is null && sslProtocols is null)
            {
                return;
            }

            // Keyed: a field of one of the two enums, a conversion to one of them; both checked again below.
            var protocols = KeyedOperations.Exactly(securityProtocol, sslProtocols);
            start.RegisterOperationActionForTypes(protocols, ctx => AnalyzeField(ctx, securityProtocol, sslProtocols), OperationKind.FieldReference);
            start.RegisterOperationActionForTypes(protocols, ctx => AnalyzeCast(ctx, securityProtocol, sslProtocols), OperationKind.Conversion);
        });
    }

    private static void AnalyzeField(OperationAnalysisContext context, INamedTypeSymbol? securityProtocol, INamedTypeSymbol? sslProtocols)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        var field = reference.Field;
        if (!field.HasConstantValue || field.ConstantValue is not int value || (value & ObsoleteBits) == 0
            || !(field.ContainingType.Is(securityProtocol) || field.ContainingType.Is(sslProtocols)) || IsComparisonOrRemoval(reference))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), $"{field.ContainingType.Name}.{field.Name}", Replacement(field.ContainingType)));
    }

    private static void AnalyzeCast(OperationAnalysisContext context, INamedTypeSymbol? securityProtocol, INamedTypeSymbol? sslProtocols)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (conversion.IsImplicit || !(conversion.Type.Is(securityProtocol) || conversion.Type.Is(sslProtocols))
            || conversion.Operand.Type is not { TypeKind: not TypeKind.Enum } || IsComparisonOrRemoval(conversion))
        {
            return;
        }

        if (ValueTracker.TryGetInt(conversion.Operand, out var value) && (value & ObsoleteBits) != 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, conversion.Syntax.GetLocation(), $"({conversion.Type!.Name}){value}", Replacement(conversion.Type)));
        }
    }

    internal static string Replacement(ITypeSymbol type) => type.Name == "SslProtocols" ? "SslProtocols.None" : "SecurityProtocolType.SystemDefault";

    private static bool IsComparisonOrRemoval(IOperation operation)
    {
        for (var node = operation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.And }:
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.BitwiseNegation }:
                case IPatternOperation or ISwitchCaseOperation or ICaseClauseOperation:
                case IInvocationOperation { TargetMethod.Name: "HasFlag" }:
                    return true;
                case IBinaryOperation or IConversionOperation or IParenthesizedOperation:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }
}
