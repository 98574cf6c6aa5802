using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Flags PBKDF2 (Rfc2898DeriveBytes, Rfc2898DeriveBytes.Pbkdf2, ASP.NET Core KeyDerivation.Pbkdf2) with fewer than
/// 100,000 iterations, with SHA-1/MD5, or with the constructor defaults (1,000 iterations of SHA-1).
/// </summary>
public sealed class WeakKeyDerivationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: "Iterations", "Hash" or "Defaults", so the fix knows what to raise or replace.</summary>
    public const string ProblemProperty = "Problem";

    /// <summary>The lowest iteration count accepted (CA5387's threshold; OWASP asks 600,000 for PBKDF2-HMAC-SHA256).</summary>
    public const int MinimumIterations = 100_000;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.WeakKeyDerivation, "Weak password-based key derivation",
        "PBKDF2 {0}; use at least 100,000 iterations (600,000 recommended) with SHA-256 or stronger",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.WeakKeyDerivation));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var rfc = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.Rfc2898DeriveBytes");
            var keyDerivation = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation");
            var pbkdf1 = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.PasswordDeriveBytes");
            if (rfc is null && keyDerivation is null && pbkdf1 is null)
            {
                return;
            }

            // One creation callback does both creation checks: the driver charges for every callback it makes.
            // Keyed: every check below starts with the called, created or assigned member's type being one of these.
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(rfc, keyDerivation), ctx => AnalyzeCall(ctx, rfc, keyDerivation), OperationKind.Invocation);
            start.RegisterOperationActionForTypes(
                KeyedOperations.Exactly(rfc, keyDerivation, pbkdf1),
                ctx =>
                {
                    AnalyzeCall(ctx, rfc, keyDerivation);
                    if (pbkdf1 is not null && ((IObjectCreationOperation)ctx.Operation).Type.Is(pbkdf1))
                    {
                        Report(ctx, ctx.Operation, "Pbkdf1", "uses PBKDF1 (PasswordDeriveBytes), which is limited to the hash length and defaults to 100 iterations of SHA-1");
                    }
                },
                OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(rfc), ctx => AnalyzeAssignment(ctx, rfc), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeCall(OperationAnalysisContext context, INamedTypeSymbol? rfc, INamedTypeSymbol? keyDerivation)
    {
        var (method, arguments) = TypeChecks.CallTarget(context.Operation);
        if (method is null || !((method.MethodKind == MethodKind.Constructor || method.Name == "Pbkdf2") && method.ContainingType.Is(rfc))
            && !(method.Name == "Pbkdf2" && method.ContainingType.Is(keyDerivation)))
        {
            return;
        }

        var reported = false;
        foreach (var argument in arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "iterations" or "iterationCount" when ValueTracker.TryGetInt(argument.Value, out var count) && count < MinimumIterations:
                    Report(context, argument.Value, "Iterations", $"uses only {count:N0} iterations");
                    reported = true;
                    break;
                case "hashAlgorithm" when WeakHashAnalyzer.AlgorithmName(argument.Value) is { } weak:
                    Report(context, argument.Value, "Hash", $"uses {weak}");
                    reported = true;
                    break;
                case "prf" when ValueTracker.Resolve(argument.Value) is IFieldReferenceOperation { Field.Name: "HMACSHA1" }:
                    Report(context, argument.Value, "Hash", "uses HMAC-SHA1");
                    reported = true;
                    break;
            }
        }

        // The constructors without a hash algorithm fall back to SHA-1, and without a count to 1,000 iterations.
        if (!reported && method.MethodKind == MethodKind.Constructor && !method.Parameters.Any(p => p.Name == "hashAlgorithm"))
        {
            var hasCount = method.Parameters.Any(p => p.Name == "iterations");
            Report(context, context.Operation, "Defaults", hasCount ? "uses the default SHA-1" : "uses the defaults (1,000 iterations of SHA-1)");
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol? rfc)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "IterationCount" } property && property.Property.ContainingType.Is(rfc)
            && ValueTracker.TryGetInt(assignment.Value, out var count) && count < MinimumIterations)
        {
            Report(context, assignment.Value, "Iterations", $"uses only {count:N0} iterations");
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string problem, string detail) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, problem), detail));
}
