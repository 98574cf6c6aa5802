using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// A CORS policy or response header that accepts any origin: SetIsOriginAllowed(_ => true), AllowAnyOrigin, WithOrigins("*"),
/// or an Access-Control-Allow-Origin header written as "*" or echoed from the request. With AllowCredentials the message says so.
/// </summary>
public sealed class CorsAnyOriginAnalyzer : DiagnosticAnalyzer
{
    private const string AllowOriginHeader = "Access-Control-Allow-Origin";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CorsAnyOrigin, "CORS allows any origin",
        "The CORS policy accepts any origin through {0}{1}; list the trusted origins with WithOrigins",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CorsAnyOrigin));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var builder = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");

            // One invocation action for both checks: the driver pays per registered action, not per check.
            // Headers written by hand: Response.Headers["Access-Control-Allow-Origin"] = "*", Headers.Append(...), AddHeader(...).
            if (builder is not null)
            {
                start.RegisterOperationAction(
                    c =>
                    {
                        Analyze(c, builder);
                        AnalyzeHeaderCall(c);
                    },
                    OperationKind.Invocation);
            }
            else
            {
                start.RegisterOperationAction(AnalyzeHeaderCall, OperationKind.Invocation);
            }

            start.RegisterOperationAction(AnalyzeHeaderAssignment, OperationKind.SimpleAssignment);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builder) || !AllowsAnyOrigin(invocation))
        {
            return;
        }

        var credentials = SameBuilderCalls(invocation, builder).Any(call => call.TargetMethod.Name == "AllowCredentials" && !InExclusiveBranches(call, invocation));
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, CredentialsText(credentials)));
    }

    private static string CredentialsText(bool credentials) => credentials
        ? " and allows credentials, so any site can make authenticated requests as the user"
        : ", so any site can call it from the user's browser and read the responses";

    private static void AnalyzeHeaderCall(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "AddHeader" or "AppendHeader" or "AppendCommaSeparatedValues"))
        {
            return;
        }

        // Extension methods (Headers.Append) carry the headers object as their first argument.
        var first = invocation.TargetMethod.IsExtensionMethod ? 1 : 0;
        if (invocation.Arguments.Length < first + 2
            || !IsAllowOriginName(invocation.Arguments[first].Value))
        {
            return;
        }

        if (invocation.Arguments.Skip(first + 1).Any(a => IsAnyOriginValue(a.Value)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), "the " + AllowOriginHeader + " header", CredentialsText(false)));
        }
    }

    private static void AnalyzeHeaderAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        var isHeader = target.Property.IsIndexer
            ? target.Arguments.Length == 1 && IsAllowOriginName(target.Arguments[0].Value)
            : target.Property.Name == "AccessControlAllowOrigin";
        if (isHeader && IsAnyOriginValue(assignment.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), "the " + AllowOriginHeader + " header", CredentialsText(false)));
        }
    }

    private static bool IsAllowOriginName(IOperation name) =>
        name.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text, AllowOriginHeader, System.StringComparison.OrdinalIgnoreCase);

    // "*", or the request's own Origin header (or any other request value) echoed back, which accepts every origin.
    private static bool IsAnyOriginValue(IOperation value) =>
        ValueTracker.Constant(value) is { HasValue: true, Value: "*" }
        || TaintSources.IsRequestData(value)
        || TaintSources.Resolve(value) is IPropertyReferenceOperation { Property.Name: "Origin", Instance: { } headers } && TaintSources.IsRequestData(headers);

    // if (none configured) builder.AllowAnyOrigin(); else builder.WithOrigins(hosts).AllowCredentials(); never combines the two.
    private static bool InExclusiveBranches(IOperation first, IOperation second)
    {
        for (var node = first.Parent; node is not null; node = node.Parent)
        {
            if (node is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                var firstInTrue = Contains(conditional.WhenTrue, first);
                var secondInTrue = Contains(conditional.WhenTrue, second);
                if (firstInTrue != secondInTrue && (Contains(whenFalse, first) || Contains(whenFalse, second)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Contains(IOperation branch, IOperation operation) => branch.Syntax.Span.Contains(operation.Syntax.Span);

    private static bool AllowsAnyOrigin(IInvocationOperation invocation)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "AllowAnyOrigin":
                return true;
            case "SetIsOriginAllowed":
                return invocation.Arguments.Length == 1 && AlwaysTrue(invocation.Arguments[0].Value);
            case "WithOrigins":
                // WithOrigins("*"), WithOrigins(new[] { "*" }), a collection expression, or an array kept in a readonly field.
                return invocation.Arguments.SelectMany(a => CollectionValues.Flatten(ValueTracker.Resolve(a.Value)))
                    .Any(v => ValueTracker.Constant(v) is { HasValue: true, Value: "*" });
            default:
                return false;
        }
    }

    private static bool AlwaysTrue(IOperation value)
    {
        value = TaintSources.Resolve(value);
        if (value is IDelegateCreationOperation delegateCreation)
        {
            value = delegateCreation.Target;
        }

        if (value is IMethodReferenceOperation reference)
        {
            // A named predicate in the same file: static bool AnyOrigin(string origin) => true;
            var syntax = reference.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax;
            var body = syntax?.ExpressionBody?.Expression
                ?? (syntax?.Body?.Statements is { Count: 1 } statements && statements[0] is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax ret ? ret.Expression : null);
            return body.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression);
        }

        if (value is not IAnonymousFunctionOperation lambda)
        {
            return false;
        }

        var returns = lambda.Body.Descendants().OfType<IReturnOperation>().ToList();
        return returns.Count > 0 && returns.All(r => r.ReturnedValue?.ConstantValue is { HasValue: true, Value: true });
    }

    /// <summary>Every call on the same builder: the fluent chain around the call, and calls on the same parameter or local.</summary>
    private static IEnumerable<IInvocationOperation> SameBuilderCalls(IInvocationOperation invocation, INamedTypeSymbol builder)
    {
        IOperation top = invocation;
        while (top.Parent is IInvocationOperation outer && outer.Instance == top)
        {
            top = outer;
        }

        var chain = new List<IInvocationOperation>();
        for (var current = top as IInvocationOperation; current is not null; current = current.Instance as IInvocationOperation)
        {
            chain.Add(current);
        }

        var root = chain[chain.Count - 1].Instance;
        ISymbol? owner = root switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (owner is null)
        {
            return chain;
        }

        return TaintSources.Root(invocation).Descendants().OfType<IInvocationOperation>()
            .Where(call => SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, builder) && SymbolEqualityComparer.Default.Equals(ChainOwner(call), owner));
    }

    private static ISymbol? ChainOwner(IInvocationOperation call)
    {
        var current = call.Instance;
        while (current is IInvocationOperation inner)
        {
            current = inner.Instance;
        }

        return current switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
    }
}
