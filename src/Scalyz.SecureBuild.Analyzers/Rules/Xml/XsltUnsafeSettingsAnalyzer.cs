using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Xml;

/// <summary>XSLT settings that allow embedded scripts or the document() function (XsltSettings.TrustedXslt, EnableScript, EnableDocumentFunction).</summary>
public sealed class XsltUnsafeSettingsAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.XsltUnsafeSettings, "XSLT scripts or document() enabled",
        "XSLT {0} is enabled, so a stylesheet can run code or read any file or URL; use XsltSettings.Default",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.XsltUnsafeSettings));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var settings = start.Compilation.GetTypeByMetadataName("System.Xml.Xsl.XsltSettings");
            if (settings is null)
            {
                return;
            }

            // Keyed: XsltSettings created, or one of its properties assigned or read; each checked again below.
            var isSettings = KeyedOperations.Exactly(settings);

            start.RegisterOperationActionForTypes(
                isSettings,
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!SymbolEqualityComparer.Default.Equals(creation.Type, settings))
                    {
                        return;
                    }

                    foreach (var argument in creation.Arguments)
                    {
                        if (IsTrue(argument.Value))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), argument.Parameter!.Name == "enableScript" ? "scripting" : "the document() function"));
                        }
                    }
                },
                OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(
                isSettings,
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "EnableScript" or "EnableDocumentFunction" } property
                        && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, settings) && IsTrue(assignment.Value))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), property.Property.Name == "EnableScript" ? "scripting" : "the document() function"));
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationActionForTypes(
                isSettings,
                c =>
                {
                    var reference = (IPropertyReferenceOperation)c.Operation;
                    if (reference.Property.Name == "TrustedXslt" && SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, settings))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, reference.Syntax.GetLocation(), "scripting and the document() function"));
                    }
                },
                OperationKind.PropertyReference);
        });
    }

    private static bool IsTrue(IOperation value) => TaintSources.Resolve(value).ConstantValue is { HasValue: true, Value: true };
}
