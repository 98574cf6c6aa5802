using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Xml;

/// <summary>DTD processing switched on for an XML reader (DtdProcessing.Parse, ProhibitDtd = false).</summary>
public sealed class XmlDtdProcessingAnalyzer : DiagnosticAnalyzer
{
    private const int Parse = 2;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XmlDtdProcessing, "DTD processing enabled",
        "DTD processing is enabled on {0}, which allows external entities (XXE) and entity expansion; use DtdProcessing.Prohibit",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XmlDtdProcessing));

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
        // The property's name (a cached string) first: almost every assignment stops there.
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "DtdProcessing" or "ProhibitDtd" } property
            || property.Property.ContainingType?.ContainingNamespace.NameStartsWith("System.Xml") != true)
        {
            return;
        }

        var value = TaintSources.Resolve(assignment.Value).ConstantValue;
        var enabled = property.Property.Name switch
        {
            "DtdProcessing" => value is { HasValue: true, Value: int mode } && mode == Parse,
            "ProhibitDtd" => value is { HasValue: true, Value: false },
            _ => false,
        };
        if (enabled)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), property.Property.ContainingType!.Name));
        }
    }
}
