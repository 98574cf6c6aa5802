using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>ASP.NET (classic) request validation switched off: [ValidateInput(false)], [AllowHtml], Request.Unvalidated.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.RequestValidationDisabled, "Request validation disabled",
        "{0} turns off ASP.NET request validation, the framework's first defence against script injection; validate and encode this input yourself or remove it",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RequestValidationDisabled));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(AnalyzeSymbol, SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property);
        context.RegisterOperationAction(AnalyzeProperty, OperationKind.PropertyReference);
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            var disables = name switch
            {
                "System.Web.Mvc.ValidateInputAttribute" => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is false,
                "System.Web.Mvc.AllowHtmlAttribute" => true,
                _ => false,
            };
            if (disables && attribute.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(reference.SyntaxTree, reference.Span), "[" + attribute.AttributeClass!.Name.Replace("Attribute", string.Empty) + "]"));
            }
        }
    }

    private static void AnalyzeProperty(OperationAnalysisContext context)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name == "Unvalidated"
            && reference.Property.ContainingType?.ToDisplayString() is "System.Web.HttpRequest" or "System.Web.HttpRequestBase")
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), "Request.Unvalidated"));
        }
    }
}
