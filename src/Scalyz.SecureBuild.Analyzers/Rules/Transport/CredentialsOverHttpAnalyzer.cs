using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Transport;

/// <summary>
/// Flags credentials attached to a request for a constant plain-http address: WebRequest.Credentials, CredentialCache.Add,
/// an Authorization header on an HttpRequestMessage or on an HttpClient whose BaseAddress is http, and user:password in an http URL.
/// </summary>
public sealed class CredentialsOverHttpAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CredentialsOverHttp, "Credentials sent over plain HTTP",
        "{0} is sent to a plain http:// address, where anyone on the network can read it; use https://",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CredentialsOverHttp));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var uri = start.Compilation.GetTypeByMetadataName("System.Uri");
            if (uri is null)
            {
                return;
            }

            // Keyed on the assigned property's type, the names AnalyzeAssignment's switch requires. The invocation check
            // stays unkeyed: it accepts HttpHeaders.Add called on an instance typed HttpRequestHeaders (the instance's type).
            start.RegisterOperationActionForTypes(
                t => t.Name is "WebRequest" or "HttpWebRequest" or "FtpWebRequest" or "WebClient" or "HttpClientHandler" or "SocketsHttpHandler" or "HttpRequestHeaders",
                AnalyzeAssignment,
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        // The property's name (a cached string) first; the value is only looked at for a credential or header.
        if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance, Property.Name: "Credentials" or "Authorization" } property
            || ValueTracker.Constant(assignment.Value) is { HasValue: true, Value: null })
        {
            return;
        }

        var plainHttp = property.Property.Name switch
        {
            "Credentials" when property.Property.ContainingType.Name is "WebRequest" or "HttpWebRequest" or "FtpWebRequest" => IsRequestForPlainHttp(instance),
            "Credentials" when property.Property.ContainingType.Name is "WebClient" => HasPlainHttpBaseAddress(Owner(property)) || CalledWithPlainHttp(Owner(property)),
            // new HttpClient(new HttpClientHandler { Credentials = ... }) { BaseAddress = new Uri("http://...") }
            "Credentials" when property.Property.ContainingType.Name is "HttpClientHandler" or "SocketsHttpHandler" => IsHandlerOfPlainHttpClient(Owner(property)),
            "Authorization" when property.Property.ContainingType.Name == "HttpRequestHeaders" => IsHeadersOfPlainHttp(instance),
            _ => false,
        };
        if (plainHttp)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), property.Property.Name == "Authorization" ? "The Authorization header" : "The credential"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Add" or "TryAddWithoutValidation") || invocation.Arguments.IsEmpty)
        {
            return;
        }

        if (method.Name == "Add" && method.ContainingType.Name == "CredentialCache" && invocation.Arguments.Length > 0
            && invocation.Arguments[0].Parameter?.Type.Name == "Uri" && IsPlainHttp(invocation.Arguments[0].Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Arguments[0].Value.Syntax.GetLocation(), "The credential"));
        }
        else if (method.Name is "Add" or "TryAddWithoutValidation" && invocation.Instance is { } headers && headers.Type?.Name == "HttpRequestHeaders"
            && invocation.Arguments.Length == 2 && ValueTracker.Constant(invocation.Arguments[0].Value).Value is string name
            && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) && IsHeadersOfPlainHttp(headers))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), "The Authorization header"));
        }
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        if (context.Operation.ConstantValue.Value is string { Length: > 9 } text && (text[0] is 'h' or 'H') && text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(":") && !IsLocal(uri))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), "The password in this URL"));
        }
    }

    // The object a property belongs to: the creation around an object initializer, else the instance it is read on.
    private static IOperation Owner(IPropertyReferenceOperation property)
    {
        if (property.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            for (var parent = property.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IObjectCreationOperation creation)
                {
                    return creation;
                }
            }
        }

        return property.Instance!;
    }

    // client.DownloadString("http://...") and the other WebClient calls on the same local.
    private static bool CalledWithPlainHttp(IOperation client)
    {
        var local = client switch
        {
            ILocalReferenceOperation reference => reference.Local,
            IObjectCreationOperation creation => TaintSources.StoredIn(creation),
            _ => null,
        };
        return local is not null && ValueTracker.Root(client).Descendants().OfType<IInvocationOperation>().Any(call =>
            call.Instance is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local)
            && call.Arguments.Length > 0 && IsPlainHttp(call.Arguments[0].Value));
    }

    private static bool IsHandlerOfPlainHttpClient(IOperation handler)
    {
        var parent = handler.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "HttpClient" } client } && HasPlainHttpBaseAddress(client);
    }

    private static bool IsRequestForPlainHttp(IOperation request) =>
        ValueTracker.Resolve(request) is IInvocationOperation { TargetMethod.Name: "Create" or "CreateHttp" or "CreateDefault" } create
        && create.Arguments.Length > 0 && IsPlainHttp(create.Arguments[0].Value);

    private static bool HasPlainHttpBaseAddress(IOperation client)
    {
        var resolved = ValueTracker.Resolve(client);
        var initializerAssignments = resolved is IObjectCreationOperation { Initializer: { } initializer }
            ? initializer.Initializers.OfType<ISimpleAssignmentOperation>()
            : Enumerable.Empty<ISimpleAssignmentOperation>();
        return initializerAssignments.Where(a => a.Target is IPropertyReferenceOperation { Property.Name: "BaseAddress" })
            .Concat(ValueTracker.AssignmentsOnSameObject(client, "BaseAddress"))
            .Any(a => IsPlainHttp(a.Value));
    }

    // request.Headers on new HttpRequestMessage(method, "http://..."), or client.DefaultRequestHeaders on a client with an http BaseAddress.
    private static bool IsHeadersOfPlainHttp(IOperation headers)
    {
        if (headers is not IPropertyReferenceOperation { Instance: { } owner } property)
        {
            return false;
        }

        return property.Property.Name switch
        {
            "Headers" => ValueTracker.Resolve(owner) is IObjectCreationOperation message && message.Type?.Name == "HttpRequestMessage"
                && message.Arguments.Any(a => a.Parameter?.Name == "requestUri" && IsPlainHttp(a.Value)),
            "DefaultRequestHeaders" => HasPlainHttpBaseAddress(owner),
            _ => false,
        };
    }

    private static bool IsPlainHttp(IOperation value)
    {
        var resolved = ValueTracker.Resolve(value);
        if (resolved is IObjectCreationOperation { Type.Name: "Uri", Arguments.Length: > 0 } creation)
        {
            resolved = ValueTracker.Resolve(creation.Arguments[0].Value);
        }

        return ValueTracker.Constant(resolved).Value is string text
            && text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && !IsLocal(uri);
    }

    private static bool IsLocal(Uri uri) => uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
