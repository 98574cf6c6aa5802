using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>ASP.NET (classic) request validation switched off: [ValidateInput(false)], [AllowHtml], Request.Unvalidated.</summary>
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
        context.RegisterCompilationStartAction(static start =>
        {
            // Only classic ASP.NET has request validation: without System.Web this rule registers nothing.
            var validateInput = start.Compilation.GetTypeByMetadataName("System.Web.Mvc.ValidateInputAttribute");
            var allowHtml = start.Compilation.GetTypeByMetadataName("System.Web.Mvc.AllowHtmlAttribute");
            var requests = FrameworkTypes.Resolve(start.Compilation, "System.Web.HttpRequest", "System.Web.HttpRequestBase");
            if (validateInput is not null || allowHtml is not null)
            {
                start.RegisterSymbolAction(c => AnalyzeSymbol(c, validateInput, allowHtml), SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property);
            }

            if (!requests.IsEmpty)
            {
                start.RegisterOperationAction(c => AnalyzeProperty(c, requests), OperationKind.PropertyReference);
            }
        });
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context, INamedTypeSymbol? validateInput, INamedTypeSymbol? allowHtml)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            var type = attribute.AttributeClass;
            var disables = type.Is(validateInput)
                ? attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is false
                : type.Is(allowHtml);
            if (disables && attribute.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(reference.SyntaxTree, reference.Span), "[" + type!.Name.Replace("Attribute", string.Empty) + "]"));
            }
        }
    }

    private static void AnalyzeProperty(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> requests)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name == "Unvalidated" && reference.Property.ContainingType.IsAny(requests))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), "Request.Unvalidated"));
        }
    }
}
