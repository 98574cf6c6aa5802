using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags RSA and DSA keys under 2048 bits and elliptic curves under 224 bits.</summary>
public sealed class WeakKeySizeAnalyzer : DiagnosticAnalyzer
{
    private const int MinimumRsaBits = 2048;
    private const int MinimumEcBits = 224;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.WeakKeySize, "Weak asymmetric key size",
        "{0} key of {1} bits is too small; use at least {2} bits",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.WeakKeySize));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var c = start.Compilation;
            var rsa = c.GetTypeByMetadataName("System.Security.Cryptography.RSA");
            if (rsa is null)
            {
                return;
            }

            var symbols = new Symbols(
                rsa,
                c.GetTypeByMetadataName("System.Security.Cryptography.DSA"),
                c.GetTypeByMetadataName("System.Security.Cryptography.ECAlgorithm") ?? c.GetTypeByMetadataName("System.Security.Cryptography.ECDsa"),
                c.GetTypeByMetadataName("System.Security.Cryptography.ECDiffieHellman"),
                c.GetTypeByMetadataName("System.Security.Cryptography.ECCurve+NamedCurves"));
            // Keyed: a call reports only on a method of an RSA, DSA or EC type (Family of the containing type, checked again).
            start.RegisterOperationActionForTypes(t => Family(t, symbols) is not null, ctx => AnalyzeCall(ctx, symbols), OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(ctx => AnalyzeAssignment(ctx, symbols), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeCall(OperationAnalysisContext context, Symbols symbols)
    {
        var (method, arguments) = TypeChecks.CallTarget(context.Operation);
        var type = method?.ContainingType;
        if (method is null || !MayReport(method, arguments) || Family(type, symbols) is not { } family)
        {
            return;
        }

        // RSACryptoServiceProvider and DSACryptoServiceProvider default to 1024 bits.
        if (method.MethodKind == MethodKind.Constructor && arguments.Length == 0 && type!.Name is "RSACryptoServiceProvider" or "DSACryptoServiceProvider")
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), family.Name, 1024, family.Minimum));
            return;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is "keySize" or "keySizeInBits" or "dwKeySize" && ValueTracker.TryGetInt(argument.Value, out var bits) && bits < family.Minimum)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), family.Name, bits, family.Minimum));
            }
            else if (argument.Parameter?.Type.Name == "ECCurve" && CurveBits(argument.Value, symbols) is { } curveBits && curveBits < MinimumEcBits)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), "EC", curveBits, MinimumEcBits));
            }
        }
    }

    // Only the CSP default constructors, a key-size parameter or a curve can be reported: names are compared before any base type is walked.
    private static bool MayReport(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (arguments.IsEmpty)
        {
            return method.MethodKind == MethodKind.Constructor && method.ContainingType.Name is "RSACryptoServiceProvider" or "DSACryptoServiceProvider";
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && (parameter.Name is "keySize" or "keySizeInBits" or "dwKeySize" || parameter.Type.Name == "ECCurve"))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Symbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "KeySize", Instance: { } instance }
            && Family(instance.Type, symbols) is { } family
            && ValueTracker.TryGetInt(assignment.Value, out var bits) && bits < family.Minimum)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), family.Name, bits, family.Minimum));
        }
    }

    private static (string Name, int Minimum)? Family(ITypeSymbol? type, Symbols symbols) =>
        type.IsOrDerivesFrom(symbols.Rsa) ? ("RSA", MinimumRsaBits)
        : type.IsOrDerivesFrom(symbols.Dsa) ? ("DSA", MinimumRsaBits)
        : type.IsOrDerivesFrom(symbols.Ec) || type.IsOrDerivesFrom(symbols.Ecdh) ? ("EC", MinimumEcBits)
        : null;

    private static int? CurveBits(IOperation value, Symbols symbols)
    {
        if (ValueTracker.Resolve(value) is not IPropertyReferenceOperation { Property: { IsStatic: true } curve } || !curve.ContainingType.Is(symbols.NamedCurves))
        {
            return null;
        }

        var digits = new string(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(curve.Name, char.IsDigit)));
        return int.TryParse(digits.Length > 3 ? digits.Substring(0, 3) : digits, out var bits) ? bits : null;
    }

    private sealed class Symbols(INamedTypeSymbol rsa, INamedTypeSymbol? dsa, INamedTypeSymbol? ec, INamedTypeSymbol? ecdh, INamedTypeSymbol? namedCurves)
    {
        public INamedTypeSymbol Rsa { get; } = rsa;

        public INamedTypeSymbol? Dsa { get; } = dsa;

        public INamedTypeSymbol? Ec { get; } = ec;

        public INamedTypeSymbol? Ecdh { get; } = ecdh;

        public INamedTypeSymbol? NamedCurves { get; } = namedCurves;
    }
}
