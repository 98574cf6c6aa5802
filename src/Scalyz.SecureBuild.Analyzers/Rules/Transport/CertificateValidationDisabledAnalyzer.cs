using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Transport;

/// <summary>
/// Flags TLS server-certificate validation switched off: a validation callback (RemoteCertificateValidationCallback,
/// HttpClientHandler's Func) whose every return is <c>true</c>, and HttpClientHandler.DangerousAcceptAnyServerCertificateValidator.
/// The callback is reported where it is written, whichever property, constructor or variable it then reaches.
/// </summary>
public sealed class CertificateValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CertificateValidationDisabled, "Certificate validation disabled",
        "{0} accepts every server certificate, so anyone on the network can intercept the connection; remove it or validate the certificate, for example by pinning its thumbprint",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CertificateValidationDisabled));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var callback = start.Compilation.GetTypeByMetadataName("System.Net.Security.RemoteCertificateValidationCallback");
            var policyErrors = start.Compilation.GetTypeByMetadataName("System.Net.Security.SslPolicyErrors");
            if (callback is null && policyErrors is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx => AnalyzeDelegate(ctx, callback, policyErrors), OperationKind.DelegateCreation);
            // Keyed: only a property of HttpClientHandler is checked below. Delegate creations stay unkeyed (their test reads the
            // delegate's constructed signature).
            start.RegisterOperationActionForTypes(t => t.Name == "HttpClientHandler", AnalyzePropertyReference, OperationKind.PropertyReference);
        });
    }

    private static void AnalyzeDelegate(OperationAnalysisContext context, INamedTypeSymbol? callback, INamedTypeSymbol? policyErrors)
    {
        var creation = (IDelegateCreationOperation)context.Operation;
        if (!IsValidationCallback(creation.Type, callback, policyErrors))
        {
            return;
        }

        if (ValueTracker.DelegateBody(creation) is { } body && ValueTracker.AlwaysReturns(body, true))
        {
            var what = creation.Target is IMethodReferenceOperation reference ? $"'{reference.Method.Name}'" : "This certificate validation callback";
            context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), what));
        }
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property is { Name: "DangerousAcceptAnyServerCertificateValidator", IsStatic: true } property
            && property.ContainingType.Name == "HttpClientHandler")
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), "DangerousAcceptAnyServerCertificateValidator"));
        }
    }

    // RemoteCertificateValidationCallback, or any delegate whose last parameter is SslPolicyErrors and that returns bool
    // (HttpClientHandler.ServerCertificateCustomValidationCallback's Func, custom delegate types).
    private static bool IsValidationCallback(ITypeSymbol? type, INamedTypeSymbol? callback, INamedTypeSymbol? policyErrors)
    {
        if (type.Is(callback))
        {
            return true;
        }

        return type is INamedTypeSymbol { DelegateInvokeMethod: { } invoke }
            && invoke.ReturnType.SpecialType == SpecialType.System_Boolean
            && invoke.Parameters.Length > 0
            && invoke.Parameters[invoke.Parameters.Length - 1].Type.Is(policyErrors);
    }
}
