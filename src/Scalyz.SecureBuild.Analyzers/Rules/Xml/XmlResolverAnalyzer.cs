using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Xml;

/// <summary>An XmlResolver that fetches external resources set on an XML document, reader, settings or XSLT transform.</summary>
public sealed class XmlResolverAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XmlResolver, "XML resolver enabled",
        "{0}.XmlResolver is set to a resolver that loads external entities and documents (XXE, SSRF); set it to null",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XmlResolver));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Keyed: only properties of types in System.Xml* are checked below.
        context.RegisterOperationActionForTypes(t => t.ContainingNamespace.NameStartsWith("System.Xml"), AnalyzeAssignment, OperationKind.SimpleAssignment);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "XmlResolver" } property
            || property.Property.ContainingType?.ContainingNamespace.NameStartsWith("System.Xml") != true)
        {
            return;
        }

        var value = TaintSources.Resolve(assignment.Value);
        if (value.ConstantValue is { HasValue: true, Value: null })
        {
            return;
        }

        // XmlSecureResolver restricts what may be fetched; anything else (XmlUrlResolver, a custom resolver, a field) can fetch anything.
        if (value.Type?.Name == "XmlSecureResolver" || value is IPropertyReferenceOperation { Property.Name: "ThrowingResolver" })
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), property.Property.ContainingType!.Name));
    }
}
