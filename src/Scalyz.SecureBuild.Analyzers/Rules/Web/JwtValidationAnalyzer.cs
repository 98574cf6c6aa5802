using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>A token validation check switched off: TokenValidationParameters.ValidateIssuer/Audience/Lifetime/IssuerSigningKey or RequireSignedTokens/RequireExpirationTime set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JwtValidationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.JwtValidationDisabled, "Token validation disabled",
        "TokenValidationParameters.{0} is false, so tokens are accepted without this check; set it to true",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.JwtValidationDisabled));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var parameters = start.Compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
            if (parameters is null)
            {
                return;
            }

            start.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    if (assignment.Target is IPropertyReferenceOperation
                        {
                            Property.Name: "ValidateIssuer" or "ValidateAudience" or "ValidateLifetime" or "ValidateIssuerSigningKey" or "RequireSignedTokens" or "RequireExpirationTime" or "RequireAudience",
                        } property
                        && IsOrDerives(property.Property.ContainingType, parameters)
                        && TaintSources.Resolve(assignment.Value).ConstantValue is { HasValue: true, Value: false })
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), property.Property.Name));
                    }
                },
                OperationKind.SimpleAssignment);
        });
    }

    private static bool IsOrDerives(INamedTypeSymbol? type, INamedTypeSymbol target)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, target))
            {
                return true;
            }
        }

        return false;
    }
}
