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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
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
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterCompilationStartAction(start =>
        {
            var cookies = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IResponseCookies");
            if (cookies is not null)
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

    private static bool IsCookieType(ITypeSymbol? type) =>
        type?.ToDisplayString() is "Microsoft.AspNetCore.Http.CookieOptions" or "System.Web.HttpCookie";

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation property)
        {
            return;
        }

        var owner = property.Property.ContainingType?.ToDisplayString();
        var value = TaintSources.Resolve(assignment.Value).ConstantValue;
        DiagnosticDescriptor? rule = (owner, property.Property.Name) switch
        {
            ("Microsoft.AspNetCore.Http.CookieOptions" or "System.Web.HttpCookie", "Secure") when value is { HasValue: true, Value: false } => SecureRule,
            ("Microsoft.AspNetCore.Http.CookieOptions" or "System.Web.HttpCookie" or "Microsoft.AspNetCore.Http.CookieBuilder", "HttpOnly") when value is { HasValue: true, Value: false } => HttpOnlyRule,
            ("Microsoft.AspNetCore.Http.CookieBuilder", "SecurePolicy") when value is { HasValue: true, Value: SecurePolicyNone } => SecureRule,
            ("Microsoft.AspNetCore.Builder.CookiePolicyOptions", "Secure") when value is { HasValue: true, Value: SecurePolicyNone } => SecureRule,
            ("Microsoft.AspNetCore.Builder.CookiePolicyOptions", "HttpOnly") when value is { HasValue: true, Value: HttpOnlyPolicyNone } => HttpOnlyRule,
            _ => null,
        };
        if (rule is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, assignment.Value.Syntax.GetLocation(), property.Property.ContainingType!.Name));
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!IsCookieType(creation.Type) || creation.Arguments.Any(a => IsCookieType(a.Value.Type)))
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
}
