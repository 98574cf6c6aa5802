using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Web;

/// <summary>
/// A token validation check switched off or replaced by one that accepts everything: TokenValidationParameters.ValidateIssuer/
/// Audience/Lifetime/IssuerSigningKey or RequireSignedTokens/RequireExpirationTime/RequireAudience set to false; a
/// LifetimeValidator/AudienceValidator/IssuerSigningKeyValidator that always returns true; a SignatureValidator that returns
/// the token without verifying anything; a ClockSkew of an hour or more; claims read from ReadJwtToken/ReadToken in a type
/// that never validates a token.
/// </summary>
public sealed class JwtValidationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.JwtValidationDisabled, "Token validation disabled",
        "{0}, so tokens are accepted without this check; keep the default validation",
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
            if (parameters is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, parameters), OperationKind.SimpleAssignment);
            }

            INamedTypeSymbol?[] handlers =
            [
                start.Compilation.GetTypeByMetadataName("System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler"),
                start.Compilation.GetTypeByMetadataName("Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler"),
            ];
            if (handlers.Any(h => h is not null))
            {
                start.RegisterOperationAction(c => AnalyzeRead(c, handlers), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol parameters)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        // The property's name (a cached string) first; the owner's base types only for the settings this rule reads.
        if (assignment.Target is not IPropertyReferenceOperation
            {
                Property.Name: "ValidateIssuer" or "ValidateAudience" or "ValidateLifetime" or "ValidateIssuerSigningKey" or "RequireSignedTokens" or "RequireExpirationTime" or "RequireAudience"
                    or "LifetimeValidator" or "AudienceValidator" or "IssuerSigningKeyValidator" or "SignatureValidator" or "ClockSkew",
            } property
            || !property.Property.ContainingType.IsOrDerivesFrom(parameters))
        {
            return;
        }

        var name = property.Property.Name;
        string? finding = name switch
        {
            "ValidateIssuer" or "ValidateAudience" or "ValidateLifetime" or "ValidateIssuerSigningKey" or "RequireSignedTokens" or "RequireExpirationTime" or "RequireAudience"
                when ValueTracker.Constant(assignment.Value) is { HasValue: true, Value: false } => $"TokenValidationParameters.{name} is false",
            "LifetimeValidator" or "AudienceValidator" or "IssuerSigningKeyValidator"
                when ValueTracker.DelegateBody(assignment.Value) is { } body && ValueTracker.AlwaysReturns(body, true) => $"TokenValidationParameters.{name} always returns true",
            "SignatureValidator" when ValueTracker.DelegateBody(assignment.Value) is { } body && !Verifies(body) => "TokenValidationParameters.SignatureValidator returns the token without verifying its signature",
            "ClockSkew" when IsHourOrMore(assignment.Value) => "TokenValidationParameters.ClockSkew is an hour or more, so expired tokens stay valid",
            _ => null,
        };
        if (finding is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), finding));
        }
    }

    // A signature validator that checks something calls a Validate/Verify method or throws for a bad token.
    private static bool Verifies(IOperation body) =>
        body.DescendantsAndSelf().Any(o => o is IThrowOperation
            || o is IInvocationOperation i && (i.TargetMethod.Name.IndexOf("Validate", StringComparison.Ordinal) >= 0 || i.TargetMethod.Name.IndexOf("Verify", StringComparison.Ordinal) >= 0));

    private static bool IsHourOrMore(IOperation value)
    {
        value = ValueTracker.Resolve(value);
        switch (value)
        {
            case IFieldReferenceOperation { Field.Name: "MaxValue" } field when field.Field.ContainingType.Name == "TimeSpan":
                return true;
            case IInvocationOperation { TargetMethod.ContainingType.Name: "TimeSpan", Arguments.Length: 1 } from when ValueTracker.Constant(from.Arguments[0].Value) is { HasValue: true, Value: { } amount }:
                var number = Convert.ToDouble(amount, System.Globalization.CultureInfo.InvariantCulture);
                return from.TargetMethod.Name switch
                {
                    "FromDays" => number > 0,
                    "FromHours" => number >= 1,
                    "FromMinutes" => number >= 60,
                    "FromSeconds" => number >= 3600,
                    _ => false,
                };
            default:
                return false;
        }
    }

    // new JwtSecurityTokenHandler().ReadJwtToken(token).Claims... in a type that never calls ValidateToken: claims trusted unverified.
    private static void AnalyzeRead(OperationAnalysisContext context, INamedTypeSymbol?[] handlers)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("ReadJwtToken" or "ReadToken" or "ReadJsonWebToken")
            || !handlers.Any(h => invocation.TargetMethod.ContainingType.IsOrDerivesFrom(h))
            || !ClaimsRead(invocation))
        {
            return;
        }

        var type = context.ContainingSymbol.ContainingType;
        var validates = type?.DeclaringSyntaxReferences.Any(r => r.GetSyntax(context.CancellationToken).DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>()
            .Any(n => n.Identifier.ValueText is "ValidateToken" or "ValidateTokenAsync")) ?? false;
        if (!validates)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name + "() reads the token's claims without validating its signature, issuer or lifetime"));
        }
    }

    private static bool ClaimsRead(IInvocationOperation read)
    {
        var value = (IOperation)read;
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
        {
            value = value.Parent;
        }

        if (value.Parent is IPropertyReferenceOperation { Property.Name: "Claims" or "Payload" or "Subject" or "Actor" })
        {
            return true;
        }

        // var jwt = handler.ReadJwtToken(t); ... jwt.Claims
        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return ValueTracker.Root(read).Descendants().OfType<IPropertyReferenceOperation>()
                .Any(p => p.Property.Name is "Claims" or "Payload" or "Subject" or "Actor" && p.Instance is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol));
        }

        return false;
    }
}
