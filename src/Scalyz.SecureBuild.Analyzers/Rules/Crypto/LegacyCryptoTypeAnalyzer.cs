using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Flags the legacy Managed/CryptoServiceProvider classes the platform marks obsolete (SYSLIB0021, SYSLIB0022,
/// SYSLIB0023, SYSLIB0041) and PasswordDeriveBytes, whose algorithms are fine but whose implementations are not.
/// Weak algorithms among them are reported by SSB2001/SSB2002 instead.
/// </summary>
public sealed class LegacyCryptoTypeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the factory to use instead (e.g. "Aes").</summary>
    public const string ReplacementProperty = "Replacement";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LegacyCryptoType, "Legacy cryptography class",
        "{0} is a legacy cryptography class marked obsolete by the platform; use {1}",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LegacyCryptoType));

    private static readonly Dictionary<string, string> Replacements = new()
    {
        ["AesManaged"] = "Aes",
        ["AesCryptoServiceProvider"] = "Aes",
        ["RijndaelManaged"] = "Aes",
        ["Rijndael"] = "Aes",
        ["SHA256Managed"] = "SHA256",
        ["SHA256CryptoServiceProvider"] = "SHA256",
        ["SHA384Managed"] = "SHA384",
        ["SHA384CryptoServiceProvider"] = "SHA384",
        ["SHA512Managed"] = "SHA512",
        ["SHA512CryptoServiceProvider"] = "SHA512",
        ["RNGCryptoServiceProvider"] = "RandomNumberGenerator",
        ["PasswordDeriveBytes"] = "Rfc2898DeriveBytes.Pbkdf2",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.SymmetricAlgorithm") is null)
            {
                return;
            }

            // Keyed: the created type, or Rijndael for Create, named and in System.Security.Cryptography (checked again below).
            start.RegisterOperationActionForTypes(t => Replacements.ContainsKey(t.Name) && IsCryptoNamespace(t), AnalyzeCreation, OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(t => t.Name == "Rijndael" && IsCryptoNamespace(t), AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is INamedTypeSymbol type && Replacements.TryGetValue(type.Name, out var replacement) && IsCryptoNamespace(type))
        {
            Report(context, creation, type.Name, replacement);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var type = invocation.TargetMethod.ContainingType;
        if (invocation.TargetMethod is { IsStatic: true, Name: "Create" } && type.Name == "Rijndael" && IsCryptoNamespace(type))
        {
            Report(context, invocation, type.Name, Replacements[type.Name]);
        }
    }

    private static bool IsCryptoNamespace(INamedTypeSymbol type) => type.ContainingNamespace.HasFullName("System.Security.Cryptography");

    private static void Report(OperationAnalysisContext context, IOperation operation, string name, string replacement) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement), name, replacement + (replacement.Contains(".") ? string.Empty : ".Create()")));
}
