using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// Cookies without Secure or HttpOnly: CookieOptions/HttpCookie created without them, Response.Cookies.Append(name, value)
/// with no options (whose defaults set neither), or the flags and policies switched off.
/// </summary>
public sealed class CookieAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor SecureRule = new(
        DiagnosticIds.CookieWithoutSecure, "Cookie without Secure",
        "{0} does not set Secure, so the cookie is also sent over plain HTTP; set Secure = true",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CookieWithoutSecure));

    internal static readonly DiagnosticDescriptor HttpOnlyRule = new(
        DiagnosticIds.CookieWithoutHttpOnly, "Cookie without HttpOnly",
        "{0} does not set HttpOnly, so scripts (and any XSS) can read the cookie; set HttpOnly = true",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CookieWithoutHttpOnly));

    private const int SecurePolicyNone = 2;
    private const int HttpOnlyPolicyNone = 0;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(SecureRule, HttpOnlyRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = new Types(start.Compilation);
            if (!types.CookieTypes.IsEmpty)
            {
                start.RegisterOperationAction(c => AnalyzeCreation(c, types.CookieTypes), OperationKind.ObjectCreation);
            }

            if (!types.CookieTypes.IsEmpty || types.CookieBuilder is not null || types.CookiePolicyOptions is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            }

            if (types.ResponseCookies is { } cookies)
            {
                start.RegisterOperationAction(c => AnalyzeAppend(c, cookies), OperationKind.Invocation);
            }
        });
    }

    // Response.Cookies.Append("sid", value): the default options set neither flag.
    private static void AnalyzeAppend(OperationAnalysisContext context, INamedTypeSymbol cookies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is { Name: "Append", Parameters.Length: 2 } method && method.Parameters[1].Type.SpecialType == SpecialType.System_String
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, cookies))
        {
            context.ReportDiagnostic(Diagnostic.Create(SecureRule, invocation.Syntax.GetLocation(), "Cookies.Append without CookieOptions"));
            context.ReportDiagnostic(Diagnostic.Create(HttpOnlyRule, invocation.Syntax.GetLocation(), "Cookies.Append without CookieOptions"));
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Types types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "Secure" or "HttpOnly" or "SecurePolicy" } property })
        {
            return;
        }

        var owner = property.ContainingType;
        var isCookie = owner.IsAny(types.CookieTypes);
        var isBuilder = owner.Is(types.CookieBuilder);
        var isPolicy = owner.Is(types.CookiePolicyOptions);
        if (!isCookie && !isBuilder && !isPolicy)
        {
            return;
        }

        var value = TaintSources.Resolve(assignment.Value).ConstantValue;
        DiagnosticDescriptor? rule = property.Name switch
        {
            "Secure" when isCookie && value is { HasValue: true, Value: false } => SecureRule,
            "HttpOnly" when (isCookie || isBuilder) && value is { HasValue: true, Value: false } => HttpOnlyRule,
            "SecurePolicy" when isBuilder && value is { HasValue: true, Value: SecurePolicyNone } => SecureRule,
            "Secure" when isPolicy && value is { HasValue: true, Value: SecurePolicyNone } => SecureRule,
            "HttpOnly" when isPolicy && value is { HasValue: true, Value: HttpOnlyPolicyNone } => HttpOnlyRule,
            _ => null,
        };
        if (rule is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, assignment.Value.Syntax.GetLocation(), owner.Name));
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> cookieTypes)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!creation.Type.IsAny(cookieTypes) || CopiesCookie(creation.Arguments, cookieTypes))
        {
            return;
        }

        // Stored in a field or property it is configuration set elsewhere; a reviewer cannot see where it ends.
        var parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is ISimpleAssignmentOperation { Target: not ILocalReferenceOperation } or IFieldInitializerOperation or IPropertyInitializerOperation)
        {
            return;
        }

        var members = TaintSources.Members(creation).Select(m => m.Name).ToList();
        var name = "new " + creation.Type!.Name;
        if (!members.Contains("Secure"))
        {
            context.ReportDiagnostic(Diagnostic.Create(SecureRule, creation.Syntax.GetLocation(), name));
        }

        if (!members.Contains("HttpOnly"))
        {
            context.ReportDiagnostic(Diagnostic.Create(HttpOnlyRule, creation.Syntax.GetLocation(), name));
        }
    }

    // new CookieOptions(existing): a copy keeps the flags of the cookie it copies.
    private static bool CopiesCookie(ImmutableArray<IArgumentOperation> arguments, ImmutableArray<INamedTypeSymbol> cookieTypes)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value.Type.IsAny(cookieTypes))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Types
    {
        public Types(Compilation compilation)
        {
            CookieTypes = FrameworkTypes.Resolve(compilation, "Microsoft.AspNetCore.Http.CookieOptions", "System.Web.HttpCookie");
            CookieBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.CookieBuilder");
            CookiePolicyOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.CookiePolicyOptions");
            ResponseCookies = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IResponseCookies");
        }

        public ImmutableArray<INamedTypeSymbol> CookieTypes { get; }
        public INamedTypeSymbol? CookieBuilder { get; }
        public INamedTypeSymbol? CookiePolicyOptions { get; }
        public INamedTypeSymbol? ResponseCookies { get; }
    }
}
