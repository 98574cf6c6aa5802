using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// A constant http:// or ftp:// address of a remote host handed to HttpClient, HttpRequestMessage, WebRequest or WebClient,
/// and SMTP or FTP with EnableSsl = false.
/// </summary>
public sealed class CleartextTransportAnalyzer : DiagnosticAnalyzer
{
    private static readonly char[] AuthorityEnd = { '/', '?', '#' };

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CleartextTransport, "Cleartext transport",
        "{0} sends data unencrypted, so anyone on the network can read or change it; use https:// (or EnableSsl = true)",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CleartextTransport));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = new Types(start.Compilation);
            if (!types.Clients.IsEmpty)
            {
                // Keyed: each check below starts by requiring the called, created or assigned member's type to be one of these.
                start.RegisterOperationActionForTypes(t => t.IsAny(types.Clients), c => AnalyzeInvocation(c, types.Clients), OperationKind.Invocation);
            }

            if (types.RequestMessage is { } message)
            {
                start.RegisterOperationActionForTypes(KeyedOperations.Exactly(message), c => AnalyzeCreation(c, message), OperationKind.ObjectCreation);
            }

            if (!types.Clients.IsEmpty || types.RequestMessage is not null || !types.SslSwitchOwners.IsEmpty)
            {
                start.RegisterOperationActionForTypes(t => t.IsAny(types.SslSwitchOwners) || t.IsAny(types.Clients) || t.Is(types.RequestMessage), c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> clients)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Arguments.Length > 0 && invocation.TargetMethod.ContainingType.IsAny(clients))
        {
            CheckArguments(context, invocation.Arguments);
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol message)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Arguments.Length > 0 && creation.Type.Is(message))
        {
            CheckArguments(context, creation.Arguments);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Types types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "EnableSsl" or "BaseAddress" or "RequestUri" } property })
        {
            return;
        }

        var owner = property.ContainingType;
        if (property.Name == "EnableSsl" && owner.IsAny(types.SslSwitchOwners)
            && TaintSources.Resolve(assignment.Value).ConstantValue is { HasValue: true, Value: false })
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), owner.Name + " with EnableSsl = false"));
        }
        else if (property.Name is "BaseAddress" or "RequestUri" && (owner.IsAny(types.Clients) || owner.Is(types.RequestMessage)))
        {
            Check(context, assignment.Value);
        }
    }

    private static void CheckArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is "requestUri" or "requestUriString" or "address" or "uriString" or "baseAddress")
            {
                Check(context, argument.Value);
            }
        }
    }

    private static void Check(OperationAnalysisContext context, IOperation value)
    {
        var resolved = TaintSources.Resolve(value);
        if (resolved is IObjectCreationOperation { Type.Name: "Uri" } uri && uri.Arguments.FirstOrDefault() is { } text)
        {
            resolved = TaintSources.Resolve(text.Value);
        }

        var address = TaintSources.ConstantPrefix(resolved);
        if (address is not null && IsCleartextRemote(address))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), "'" + SchemeAndHost(address) + "'"));
        }
    }

    private static bool IsCleartextRemote(string address)
    {
        var scheme = address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : address.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) ? 6 : 0;
        if (scheme == 0)
        {
            return false;
        }

        // "http://" + host: the host is decided at run time, the scheme already is not.
        var host = HostOf(address.Substring(scheme));
        return !(host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.StartsWith("127.", StringComparison.Ordinal) || host is "[::1]" or "0.0.0.0" or "host.docker.internal");
    }

    private static string HostOf(string rest)
    {
        var end = rest.IndexOfAny(AuthorityEnd);
        var authority = (end < 0 ? rest : rest.Substring(0, end)).ToLowerInvariant();
        authority = authority.Substring(authority.LastIndexOf('@') + 1);
        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            return authority.Substring(0, authority.IndexOf(']') + 1);
        }

        var colon = authority.IndexOf(':');
        return colon < 0 ? authority : authority.Substring(0, colon);
    }

    private static string SchemeAndHost(string address)
    {
        var scheme = address.Substring(0, address.IndexOf("://", StringComparison.Ordinal) + 3);
        var host = HostOf(address.Substring(scheme.Length));
        return scheme + (host.Length == 0 ? "..." : host);
    }

    private sealed class Types
    {
        public Types(Compilation compilation)
        {
            Clients = FrameworkTypes.Resolve(compilation, "System.Net.Http.HttpClient", "System.Net.Http.HttpMessageInvoker", "System.Net.WebRequest", "System.Net.WebClient", "System.Net.HttpWebRequest");
            RequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            SslSwitchOwners = FrameworkTypes.Resolve(compilation, "System.Net.Mail.SmtpClient", "System.Net.FtpWebRequest");
        }

        public ImmutableArray<INamedTypeSymbol> Clients { get; }
        public INamedTypeSymbol? RequestMessage { get; }
        public ImmutableArray<INamedTypeSymbol> SslSwitchOwners { get; }
    }
}
