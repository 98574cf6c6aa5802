using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>A redirect to a URL taken from the request that the method never checks (Url.IsLocalUrl, an if on the value).</summary>
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
        context.RegisterCompilationStartAction(static start =>
        {
            // Without ASP.NET or System.Web there is nothing to redirect with: register nothing.
            var owners = FrameworkTypes.Resolve(
                start.Compilation,
                "Microsoft.AspNetCore.Mvc.ControllerBase", "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Http.TypedResults",
                "Microsoft.AspNetCore.Http.HttpResponse", "System.Web.HttpResponse", "System.Web.HttpResponseBase", "System.Web.Mvc.Controller");
            var results = FrameworkTypes.Resolve(start.Compilation, "Microsoft.AspNetCore.Mvc.RedirectResult", "System.Web.Mvc.RedirectResult");
            if (!owners.IsEmpty)
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, owners), OperationKind.Invocation);
            }

            if (!results.IsEmpty)
            {
                start.RegisterOperationAction(c => AnalyzeCreation(c, results), OperationKind.ObjectCreation);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> owners)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Redirect" or "RedirectPermanent" or "RedirectPreserveMethod" or "RedirectPermanentPreserveMethod")
            || !method.ContainingType.IsAny(owners))
        {
            return;
        }

        foreach (var url in invocation.Arguments)
        {
            if (url.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                Check(context, url.Value, method.Name);
                return;
            }
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> results)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type.IsAny(results) && InjectionParts.Argument(creation.Arguments, "url") is { } url)
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
