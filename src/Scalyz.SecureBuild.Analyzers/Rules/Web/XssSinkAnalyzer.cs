using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// Non-constant, unencoded text written as raw HTML: Html.Raw, new HtmlString/MvcHtmlString/MarkupString, (MarkupString) casts,
/// and request data written straight to the response.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XssSinkAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XssSink, "Unencoded text written as HTML",
        "Non-constant text reaches {0} without HTML encoding, so markup or script in it runs in the page (XSS); let Razor encode it, or encode it with HtmlEncoder",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XssSink));

    private static readonly string[] RawHtmlTypes =
    {
        "Microsoft.AspNetCore.Html.HtmlString", "System.Web.HtmlString", "System.Web.Mvc.MvcHtmlString", "Microsoft.AspNetCore.Components.MarkupString",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Razor views compile to generated code; Html.Raw in a .cshtml is found there.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(AnalyzeConversion, OperationKind.Conversion);
        context.RegisterOperationAction(AnalyzeDynamicInvocation, OperationKind.DynamicInvocation);
    }

    // Html.Raw(ViewBag.Message) binds at run time, so the call is dynamic.
    private static void AnalyzeDynamicInvocation(OperationAnalysisContext context)
    {
        var invocation = (IDynamicInvocationOperation)context.Operation;
        if (invocation.Operation is IDynamicMemberReferenceOperation { MemberName: "Raw", Instance: { Type: { } helper } }
            && (helper.ToDisplayString().StartsWith("Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", StringComparison.Ordinal) || ImplementsHtmlHelper(helper as INamedTypeSymbol))
            && invocation.Arguments.Length == 1 && !TaintSources.IsConstant(invocation.Arguments[0]))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Arguments[0].Syntax.GetLocation(), "Html.Raw"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var owner = method.ContainingType?.ToDisplayString() ?? string.Empty;
        var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object)?.Value;
        if (method.Name == "Raw" && (owner is "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper" or "System.Web.Mvc.HtmlHelper" || ImplementsHtmlHelper(method.ContainingType)))
        {
            Check(context, invocation.Arguments.FirstOrDefault()?.Value, "Html.Raw");
        }
        else if (method.Name == "Create" && owner == "System.Web.Mvc.MvcHtmlString")
        {
            Check(context, invocation.Arguments.FirstOrDefault()?.Value, "MvcHtmlString.Create");
        }
        else if (method.Name is "Write" or "WriteAsync"
            && owner is "System.Web.HttpResponse" or "System.Web.HttpResponseBase" or "Microsoft.AspNetCore.Http.HttpResponseWritingExtensions"
            && first is not null && TaintSources.IsRequestData(first))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, first.Syntax.GetLocation(), "Response." + method.Name));
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (Array.IndexOf(RawHtmlTypes, creation.Type?.ToDisplayString()) >= 0 && creation.Arguments.Length == 1)
        {
            Check(context, creation.Arguments[0].Value, "new " + creation.Type!.Name);
        }
    }

    private static void AnalyzeConversion(OperationAnalysisContext context)
    {
        var conversion = (IConversionOperation)context.Operation;
        // Conversions are everywhere; compare the short name before building the full one.
        if (conversion.Type?.Name == "MarkupString" && conversion.Type.ToDisplayString() == "Microsoft.AspNetCore.Components.MarkupString" && conversion.Operand.Type?.SpecialType == SpecialType.System_String)
        {
            Check(context, conversion.Operand, "MarkupString");
        }
    }

    private static void Check(OperationAnalysisContext context, IOperation? value, string sink)
    {
        if (value is null || value.Type?.SpecialType is not (SpecialType.System_String or SpecialType.System_Object) || TaintSources.IsConstant(value) || IsEncoded(value) || IsNumeric(TaintSources.Resolve(value).Type))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), sink));
    }

    private static bool IsEncoded(IOperation value)
    {
        var resolved = TaintSources.Resolve(value);
        return IsEncodeCall(resolved) || (TaintSources.IsAssembled(resolved) && !TaintSources.IsBuiltFromNonConstant(resolved, IsEncodeCall));
    }

    private static bool IsEncodeCall(IOperation operation) =>
        operation is IInvocationOperation invocation
        && (invocation.TargetMethod.Name.IndexOf("Encode", StringComparison.Ordinal) >= 0 || invocation.TargetMethod.Name.IndexOf("Sanitize", StringComparison.Ordinal) >= 0);

    private static bool IsNumeric(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Boolean;

    private static bool ImplementsHtmlHelper(INamedTypeSymbol? type) =>
        type is not null && type.AllInterfaces.Any(i => i.ToDisplayString() == "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper");
}
