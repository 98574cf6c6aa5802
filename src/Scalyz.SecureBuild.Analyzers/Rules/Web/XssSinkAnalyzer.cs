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
public sealed class XssSinkAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XssSink, "Unencoded text written as HTML",
        "Non-constant text reaches {0} without HTML encoding, so markup or script in it runs in the page (XSS); let Razor encode it, or encode it with HtmlEncoder",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XssSink));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Razor views compile to generated code; Html.Raw in a .cshtml is found there.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new Types(start.Compilation);
            if (!types.Any)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
            if (types.MarkupString is not null)
            {
                start.RegisterOperationAction(c => AnalyzeConversion(c, types.MarkupString), OperationKind.Conversion);
            }

            start.RegisterOperationAction(c => AnalyzeDynamicInvocation(c, types), OperationKind.DynamicInvocation);
        });
    }

    // Html.Raw(ViewBag.Message) binds at run time, so the call is dynamic.
    private static void AnalyzeDynamicInvocation(OperationAnalysisContext context, Types types)
    {
        var invocation = (IDynamicInvocationOperation)context.Operation;
        if (invocation.Operation is IDynamicMemberReferenceOperation { MemberName: "Raw", Instance: { Type: { } helper } }
            && types.IsHtmlHelper(helper)
            && invocation.Arguments.Length == 1 && !TaintSources.IsConstant(invocation.Arguments[0]))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Arguments[0].Syntax.GetLocation(), "Html.Raw"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, Types types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Raw" when types.IsHtmlHelper(method.ContainingType):
                Check(context, invocation.Arguments.FirstOrDefault()?.Value, "Html.Raw");
                break;
            case "Create" when method.ContainingType.Is(types.MvcHtmlString):
                Check(context, invocation.Arguments.FirstOrDefault()?.Value, "MvcHtmlString.Create");
                break;
            case "Write" or "WriteAsync" when method.ContainingType.Is(types.ClassicResponse) || method.ContainingType.Is(types.ClassicResponseBase) || method.ContainingType.Is(types.ResponseWriting):
                var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object)?.Value;
                if (first is not null && TaintSources.IsRequestData(first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, first.Syntax.GetLocation(), "Response." + method.Name));
                }

                break;
            // Results.Content(html, "text/html"), Content(html, "text/html") in a controller.
            case "Content" when method.ContainingType.Is(types.Results) || method.ContainingType.Is(types.TypedResults) || method.ContainingType.IsOrDerivesFrom(types.ControllerBase):
                if (IsHtmlContentType(InjectionArgument(invocation.Arguments, "contentType")))
                {
                    Check(context, InjectionArgument(invocation.Arguments, "content"), method.ContainingType.Name + ".Content as text/html");
                }

                break;
        }
    }

    private static IOperation? InjectionArgument(ImmutableArray<IArgumentOperation> arguments, string name) =>
        arguments.FirstOrDefault(a => a.Parameter?.Name == name)?.Value;

    private static bool IsHtmlContentType(IOperation? contentType) =>
        contentType is not null && ValueTracker.Constant(contentType) is { HasValue: true, Value: string text } && text.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;

    private static void AnalyzeCreation(OperationAnalysisContext context, Types types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (creation.Arguments.Length == 1 && (type.Is(types.HtmlString) || type.Is(types.ClassicHtmlString) || type.Is(types.MvcHtmlString) || type.Is(types.MarkupString)))
        {
            Check(context, creation.Arguments[0].Value, "new " + type.Name);
        }
        else if (type.Is(types.ContentResult))
        {
            // new ContentResult { Content = html, ContentType = "text/html" }
            var members = TaintSources.Members(creation).ToList();
            if (members.Any(m => m.Name == "ContentType" && IsHtmlContentType(m.Value)))
            {
                Check(context, members.LastOrDefault(m => m.Name == "Content").Value, "ContentResult as text/html");
            }
        }
    }

    private static void AnalyzeConversion(OperationAnalysisContext context, INamedTypeSymbol markupString)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (conversion.Operand.Type?.SpecialType == SpecialType.System_String && SymbolEqualityComparer.Default.Equals(conversion.Type, markupString))
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

    private sealed class Types
    {
        public Types(Compilation compilation)
        {
            HtmlHelper = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper");
            ClassicHtmlHelper = compilation.GetTypeByMetadataName("System.Web.Mvc.HtmlHelper");
            HtmlString = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Html.HtmlString");
            ClassicHtmlString = compilation.GetTypeByMetadataName("System.Web.HtmlString");
            MvcHtmlString = compilation.GetTypeByMetadataName("System.Web.Mvc.MvcHtmlString");
            MarkupString = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.MarkupString");
            ClassicResponse = compilation.GetTypeByMetadataName("System.Web.HttpResponse");
            ClassicResponseBase = compilation.GetTypeByMetadataName("System.Web.HttpResponseBase");
            ResponseWriting = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
            Results = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Results");
            TypedResults = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.TypedResults");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ContentResult = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ContentResult");
            Any = HtmlHelper is not null || ClassicHtmlHelper is not null || HtmlString is not null || ClassicHtmlString is not null || MvcHtmlString is not null
                || MarkupString is not null || ClassicResponse is not null || ResponseWriting is not null || ControllerBase is not null;
        }

        public bool Any { get; }
        public INamedTypeSymbol? HtmlHelper { get; }
        public INamedTypeSymbol? ClassicHtmlHelper { get; }
        public INamedTypeSymbol? HtmlString { get; }
        public INamedTypeSymbol? ClassicHtmlString { get; }
        public INamedTypeSymbol? MvcHtmlString { get; }
        public INamedTypeSymbol? MarkupString { get; }
        public INamedTypeSymbol? ClassicResponse { get; }
        public INamedTypeSymbol? ClassicResponseBase { get; }
        public INamedTypeSymbol? ResponseWriting { get; }
        public INamedTypeSymbol? Results { get; }
        public INamedTypeSymbol? TypedResults { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ContentResult { get; }

        /// <summary>IHtmlHelper, IHtmlHelper&lt;T&gt;, a class implementing it, or System.Web.Mvc.HtmlHelper(&lt;T&gt;).</summary>
        public bool IsHtmlHelper(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.OriginalDefinition.Is(HtmlHelper) || type.IsOrDerivesFrom(ClassicHtmlHelper))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Is(HtmlHelper))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
