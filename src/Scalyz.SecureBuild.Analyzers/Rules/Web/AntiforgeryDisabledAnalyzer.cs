using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>Antiforgery (CSRF) validation switched off: [IgnoreAntiforgeryToken], a global IgnoreAntiforgeryTokenAttribute filter, or DisableAntiforgery() on an endpoint.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AntiforgeryDisabledAnalyzer : DiagnosticAnalyzer
{
    private const string IgnoreAttribute = "Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.AntiforgeryDisabled, "Antiforgery validation disabled",
        "{0} switches off antiforgery validation, so other sites can submit forms as the signed-in user (CSRF); keep validation on",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AntiforgeryDisabled));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(AnalyzeSymbol, SymbolKind.NamedType, SymbolKind.Method);
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == IgnoreAttribute && attribute.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(reference.SyntaxTree, reference.Span), "[IgnoreAntiforgeryToken]"));
            }
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        // Newer compilers also expose attributes as creations; those are reported once, by the symbol action.
        if (creation.Type?.ToDisplayString() == IgnoreAttribute && creation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), "new IgnoreAntiforgeryTokenAttribute()"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "DisableAntiforgery"
            && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Builder")
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), "DisableAntiforgery()"));
        }
    }
}
