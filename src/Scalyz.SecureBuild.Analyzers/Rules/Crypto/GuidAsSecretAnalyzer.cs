using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>Flags Guid.NewGuid() used as a secret: a token, password, API key, nonce or reset code.</summary>
public sealed class GuidAsSecretAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.GuidAsSecret, "GUID used as a secret",
        "A GUID is an identifier, not a secret ('{0}'): its format and version are guessable and it carries at most 122 random bits; use RandomNumberGenerator.GetBytes(32)",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.GuidAsSecret));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Keyed: only Guid.NewGuid is checked below.
        context.RegisterOperationActionForTypes(t => t.HasFullName("System.Guid"), AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "NewGuid", IsStatic: true } method
            || !method.ContainingType.HasFullName("System.Guid"))
        {
            return;
        }

        var name = ValueTracker.DestinationName(invocation);
        // "sessionId" or "requestId" name an identifier, which a GUID is meant to be; only secret-like names count.
        if (name is not null && IsSecretName(name))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), name));
        }
    }

    private static bool IsSecretName(string name) =>
        SecurityNames.IsSecurityName(name)
        && !name.EndsWith("Id", System.StringComparison.Ordinal) && !name.EndsWith("ID", System.StringComparison.Ordinal)
        && name.IndexOf("session", System.StringComparison.OrdinalIgnoreCase) < 0
        && name.IndexOf("correlation", System.StringComparison.OrdinalIgnoreCase) < 0;
}
