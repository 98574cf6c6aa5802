using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>An LDAP search filter assembled from non-constant, unescaped parts.</summary>
public sealed class LdapInjectionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LdapInjection, "LDAP filter built from non-constant text",
        "The LDAP filter is built from non-constant values without escaping; escape each value (RFC 4515) before putting it in the filter",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LdapInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var searcher = start.Compilation.GetTypeByMetadataName("System.DirectoryServices.DirectorySearcher");
            var request = start.Compilation.GetTypeByMetadataName("System.DirectoryServices.Protocols.SearchRequest");
            if (searcher is null && request is null)
            {
                return;
            }

            bool IsFilterOwner(ITypeSymbol? type) =>
                SymbolEqualityComparer.Default.Equals(type, searcher) || SymbolEqualityComparer.Default.Equals(type, request);

            start.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Filter" } property && IsFilterOwner(property.Property.ContainingType))
                    {
                        Check(c, assignment.Value);
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (IsFilterOwner(creation.Type))
                    {
                        foreach (var argument in creation.Arguments)
                        {
                            if (argument.Parameter?.Name is "filter" or "ldapFilter" && argument.Parameter.Type.SpecialType == SpecialType.System_String)
                            {
                                Check(c, argument.Value);
                            }
                        }
                    }
                },
                OperationKind.ObjectCreation);
        });
    }

    private static void Check(OperationAnalysisContext context, IOperation value)
    {
        if (TaintSources.IsBuiltFromNonConstant(value, InjectionParts.IsEscaped))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation()));
        }
    }
}
