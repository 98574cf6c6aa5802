using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// Antiforgery (CSRF) validation switched off: [IgnoreAntiforgeryToken], a global IgnoreAntiforgeryTokenAttribute filter,
/// or DisableAntiforgery() on an endpoint; and, as SecurityCodeScan SCS0016 and CA5391 do, a state-changing MVC action
/// ([HttpPost]/[HttpPut]/[HttpDelete]/[HttpPatch] on a view Controller) with no antiforgery validation on it, its
/// controller or globally (an AutoValidateAntiforgeryToken or ValidateAntiForgeryToken filter anywhere in the project).
/// </summary>
public sealed class AntiforgeryDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.AntiforgeryDisabled, "Antiforgery validation disabled",
        "{0} switches off antiforgery validation, so other sites can submit forms as the signed-in user (CSRF); keep validation on",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AntiforgeryDisabled));

    // Reported once the whole project is seen, since a global filter anywhere validates every action.
    private static readonly DiagnosticDescriptor MissingRule = new(
        DiagnosticIds.AntiforgeryDisabled, "Antiforgery validation disabled",
        "{0} handles HTTP {1} without antiforgery validation, so other sites can submit it as the signed-in user (CSRF); add [ValidateAntiForgeryToken] or the AutoValidateAntiforgeryToken global filter",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AntiforgeryDisabled), customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, MissingRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = Types.Resolve(start.Compilation);
            if (types is null)
            {
                return;
            }

            var candidates = new ConcurrentBag<(IMethodSymbol Action, string Verb)>();
            var validatedGlobally = 0;
            start.RegisterSymbolAction(c => AnalyzeSymbol(c, types, candidates), SymbolKind.NamedType, SymbolKind.Method);
            start.RegisterOperationAction(
                c =>
                {
                    var type = c.Operation switch
                    {
                        IObjectCreationOperation creation when creation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax => creation.Type,
                        ITypeOfOperation typeOf => typeOf.TypeOperand,
                        IInvocationOperation { TargetMethod.TypeArguments.Length: 1 } invocation => invocation.TargetMethod.TypeArguments[0],
                        _ => null,
                    };
                    if (type is null)
                    {
                        return;
                    }

                    if (type.Is(types.Ignore) && c.Operation is IObjectCreationOperation)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation(), "new IgnoreAntiforgeryTokenAttribute()"));
                    }
                    else if (type.Is(types.AutoValidate) || type.Is(types.Validate))
                    {
                        System.Threading.Interlocked.Exchange(ref validatedGlobally, 1);
                    }
                },
                OperationKind.ObjectCreation, OperationKind.TypeOf, OperationKind.Invocation);
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                if (validatedGlobally != 0)
                {
                    return;
                }

                foreach (var (action, verb) in candidates)
                {
                    end.ReportDiagnostic(Diagnostic.Create(MissingRule, action.Locations[0], $"{action.ContainingType.Name}.{action.Name}", verb));
                }
            });
        });
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context, Types types, ConcurrentBag<(IMethodSymbol, string)> candidates)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass.Is(types.Ignore) && attribute.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(reference.SyntaxTree, reference.Span), "[IgnoreAntiforgeryToken]"));
            }
        }

        if (context.Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false } method
            && method.ContainingType.IsOrDerivesFrom(types.Controller)
            && StateChangingVerb(method, types) is { } verb
            && !HasAntiforgeryChoice(method, types)
            && !IsApiController(method.ContainingType, types))
        {
            candidates.Add((method, verb));
        }
    }

    private static string? StateChangingVerb(IMethodSymbol method, Types types)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            var verb = type.Is(types.HttpPost) ? "POST" : type.Is(types.HttpPut) ? "PUT" : type.Is(types.HttpDelete) ? "DELETE" : type.Is(types.HttpPatch) ? "PATCH" : null;
            if (verb is not null)
            {
                return verb;
            }
        }

        return null;
    }

    // [ValidateAntiForgeryToken], [AutoValidateAntiforgeryToken] or [IgnoreAntiforgeryToken] (reported on its own) on the action or a controller.
    private static bool HasAntiforgeryChoice(IMethodSymbol method, Types types)
    {
        bool Decides(ISymbol symbol) => symbol.GetAttributes().Any(a => a.AttributeClass.Is(types.Validate) || a.AttributeClass.Is(types.AutoValidate) || a.AttributeClass.Is(types.Ignore)
            || a.AttributeClass.IsOrDerivesFrom(types.Validate) || a.AttributeClass.IsOrDerivesFrom(types.AutoValidate));
        if (Decides(method))
        {
            return true;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (Decides(type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsApiController(INamedTypeSymbol type, Types types)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(a => a.AttributeClass.IsOrDerivesFrom(types.ApiController)))
            {
                return true;
            }
        }

        return type.ContainingAssembly.GetAttributes().Any(a => a.AttributeClass.IsOrDerivesFrom(types.ApiController));
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

    private sealed class Types
    {
        public INamedTypeSymbol? Ignore { get; private set; }
        public INamedTypeSymbol? Validate { get; private set; }
        public INamedTypeSymbol? AutoValidate { get; private set; }
        public INamedTypeSymbol? ApiController { get; private set; }
        public INamedTypeSymbol? Controller { get; private set; }
        public INamedTypeSymbol? HttpPost { get; private set; }
        public INamedTypeSymbol? HttpPut { get; private set; }
        public INamedTypeSymbol? HttpDelete { get; private set; }
        public INamedTypeSymbol? HttpPatch { get; private set; }

        public static Types? Resolve(Compilation compilation)
        {
            const string Mvc = "Microsoft.AspNetCore.Mvc.";
            var types = new Types
            {
                Ignore = compilation.GetTypeByMetadataName(Mvc + "IgnoreAntiforgeryTokenAttribute"),
                Validate = compilation.GetTypeByMetadataName(Mvc + "ValidateAntiForgeryTokenAttribute"),
                AutoValidate = compilation.GetTypeByMetadataName(Mvc + "AutoValidateAntiforgeryTokenAttribute"),
                ApiController = compilation.GetTypeByMetadataName(Mvc + "ApiControllerAttribute"),
                Controller = compilation.GetTypeByMetadataName(Mvc + "Controller"),
                HttpPost = compilation.GetTypeByMetadataName(Mvc + "HttpPostAttribute"),
                HttpPut = compilation.GetTypeByMetadataName(Mvc + "HttpPutAttribute"),
                HttpDelete = compilation.GetTypeByMetadataName(Mvc + "HttpDeleteAttribute"),
                HttpPatch = compilation.GetTypeByMetadataName(Mvc + "HttpPatchAttribute"),
            };
            var anyAspNetCore = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder") is not null;
            return types.Ignore is null && types.Controller is null && !anyAspNetCore ? null : types;
        }
    }
}
