using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>A redirect to a URL taken from the request that the method never checks (Url.IsLocalUrl, an if on the value).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OpenRedirectAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.OpenRedirect, "Open redirect",
        "{0} redirects to a URL taken from the request without checking it, so a link can send users to any site; use LocalRedirect or check Url.IsLocalUrl first",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.OpenRedirect));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var owner = method.ContainingType?.ToDisplayString() ?? string.Empty;
        var isRedirect = method.Name switch
        {
            "Redirect" or "RedirectPermanent" or "RedirectPreserveMethod" or "RedirectPermanentPreserveMethod" =>
                owner is "Microsoft.AspNetCore.Mvc.ControllerBase" or "Microsoft.AspNetCore.Mvc.RazorPages.PageModel" or "Microsoft.AspNetCore.Http.Results" or "Microsoft.AspNetCore.Http.TypedResults"
                    or "Microsoft.AspNetCore.Http.HttpResponse" or "System.Web.HttpResponse" or "System.Web.HttpResponseBase" or "System.Web.Mvc.Controller",
            _ => false,
        };
        if (isRedirect && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String) is { } url)
        {
            Check(context, url.Value, method.Name);
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type?.ToDisplayString() is "Microsoft.AspNetCore.Mvc.RedirectResult" or "System.Web.Mvc.RedirectResult"
            && creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "url") is { } url)
        {
            Check(context, url.Value, "new RedirectResult");
        }
    }

    private static void Check(OperationAnalysisContext context, IOperation url, string sink)
    {
        if (TaintSources.IsRequestData(url) && !IsChecked(url))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, url.Syntax.GetLocation(), sink));
        }
    }

    // A reviewer accepts a redirect whose target the method tests first (IsLocalUrl, an allow-list lookup, a StartsWith).
    private static bool IsChecked(IOperation url)
    {
        var symbol = BaseSymbol(url);
        if (symbol is null)
        {
            return false;
        }

        return TaintSources.Root(url).Descendants().OfType<IConditionalOperation>()
            .Any(c => c.Condition.DescendantsAndSelf().Any(o => SymbolEqualityComparer.Default.Equals(BaseSymbol(o), symbol)));
    }

    private static ISymbol? BaseSymbol(IOperation operation) => operation switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter,
        ILocalReferenceOperation local => local.Local,
        IConversionOperation conversion => BaseSymbol(conversion.Operand),
        _ => null,
    };
}
