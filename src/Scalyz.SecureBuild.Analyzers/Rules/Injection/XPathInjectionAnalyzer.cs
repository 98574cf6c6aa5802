using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>An XPath expression assembled from non-constant parts (XmlNode.SelectNodes, XPathNavigator, XPathSelectElement...).</summary>
public sealed class XPathInjectionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XPathInjection, "XPath expression built from non-constant text",
        "The XPath expression passed to {0} is built from non-constant values; compile a constant expression and bind values as XPath variables",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XPathInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Keyed: only methods of types in System.Xml* are checked below (a method's namespace is its type's).
        context.RegisterOperationActionForTypes(t => InSystemXml(t.ContainingNamespace), AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        // The method's name (a cached string) first, then its namespace without building its text.
        if (method.Name is not ("SelectNodes" or "SelectSingleNode" or "Select" or "Evaluate" or "Compile" or "Matches" or "XPathSelectElement" or "XPathSelectElements" or "XPathEvaluate")
            || invocation.Arguments.IsEmpty
            || !InSystemXml(method.ContainingNamespace))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "xpath" or "expression", Type.SpecialType: SpecialType.System_String }
                && TaintSources.IsBuiltFromNonConstant(argument.Value, InjectionParts.IsEscaped))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), method.Name));
            }
        }
    }

    /// <summary>True for System.Xml and the namespaces under it (System.Xml.XPath, System.Xml.Linq ...): what "System.Xml*" names.</summary>
    private static bool InSystemXml(INamespaceSymbol? ns)
    {
        // Climb to the namespace two levels below the global one (System.Xml for System.Xml.XPath).
        while (ns is { ContainingNamespace.ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            && ns.Name.StartsWith("Xml", StringComparison.Ordinal);
    }
}
