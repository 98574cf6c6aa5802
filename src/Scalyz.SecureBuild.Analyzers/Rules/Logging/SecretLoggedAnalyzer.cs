using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Logging;

/// <summary>A value named like a credential (password, token, API key, secret, connection string) written to ILogger, Console, Trace or Debug.</summary>
public sealed class SecretLoggedAnalyzer : DiagnosticAnalyzer
{
    private static readonly char[] KeySeparators = { ':', '.' };

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SecretLogged, "Secret written to a log",
        "'{0}' looks like a credential and is written to {1}; logs are kept, shipped and read widely, so log that it is set (or its first characters), never the value",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SecretLogged));

    private static readonly string[] SecretWords =
    {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey", "connectionstring", "credential", "bearer", "sessionkey", "jwt",
    };

    // Names that mention a secret but hold something else: its length, hash, expiry, where it lives, whether it is set.
    private static readonly string[] NotSecretWords =
    {
        "hash", "length", "count", "type", "expir", "name", "url", "uri", "endpoint", "path", "file", "policy", "hint", "required", "header", "field",
        "prefix", "masked", "redacted", "valid", "enabled", "lifetime", "duration", "format", "source", "provider", "issuer", "audience", "kind", "reset", "changed", "date", "time",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Keyed: SinkName reports only methods of these types (the same full names, tested again there).
        context.RegisterOperationActionForTypes(
            t => t.HasFullName("Microsoft.Extensions.Logging.LoggerExtensions") || t.HasFullName("Microsoft.Extensions.Logging.ILogger") || t.HasFullName("System.Console")
                || t.HasFullName("System.Diagnostics.Trace") || t.HasFullName("System.Diagnostics.Debug") || t.HasFullName("System.IO.TextWriter"),
            AnalyzeInvocation,
            OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var sink = SinkName(invocation);
        if (sink is null)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is { } parameterType
                && (parameterType.HasFullName("Microsoft.Extensions.Logging.ILogger") || parameterType.HasFullName("System.Exception") || parameterType.HasFullName("Microsoft.Extensions.Logging.EventId")))
            {
                continue;
            }

            foreach (var value in Values(argument.Value))
            {
                if (SecretName(value) is { } name)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), name, sink));
                }
            }
        }
    }

    private static string? SinkName(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var owner = method.ContainingType;

        // The type's own name (a cached string) is compared before its namespaces, and no name is built.
        switch (owner?.Name)
        {
            case "LoggerExtensions" when owner.HasFullName("Microsoft.Extensions.Logging.LoggerExtensions"):
            case "ILogger" when method.Name == "Log" && owner.HasFullName("Microsoft.Extensions.Logging.ILogger"):
                return "the log";
            case "Console" when method.Name is "Write" or "WriteLine" && owner.HasFullName("System.Console"):
                return "the console";
            case "Trace" or "Debug" when (method.Name.StartsWith("Write", StringComparison.Ordinal) || method.Name.StartsWith("Trace", StringComparison.Ordinal) || method.Name == "Print")
                && (owner.HasFullName("System.Diagnostics.Trace") || owner.HasFullName("System.Diagnostics.Debug")):
                return owner.Name;
            case "TextWriter" when method.Name is "Write" or "WriteLine" && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Out" or "Error", Property.ContainingType.Name: "Console" }
                && owner.HasFullName("System.IO.TextWriter"):
                return "the console";
            default:
                return null;
        }
    }

    /// <summary>The pieces a logged argument is made of: params elements, concatenation operands, interpolation holes.</summary>
    private static IEnumerable<IOperation> Values(IOperation value)
    {
        switch (value)
        {
            case IConversionOperation conversion:
                return Values(conversion.Operand);
            case IArrayCreationOperation { Initializer: not null }:
#if ROSLYN_4_8_OR_GREATER
            case ICollectionExpressionOperation:
#endif
                return CollectionValues.Flatten(value).SelectMany(Values);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return Values(binary.LeftOperand).Concat(Values(binary.RightOperand));
            case IInterpolatedStringOperation interpolated:
                return interpolated.Parts.OfType<IInterpolationOperation>().SelectMany(h => Values(h.Expression));
            default:
                return new[] { value };
        }
    }

    private static string? SecretName(IOperation value)
    {
        var (name, type) = value switch
        {
            ILocalReferenceOperation local => (local.Local.Name, local.Local.Type),
            IParameterReferenceOperation parameter => (parameter.Parameter.Name, parameter.Parameter.Type),
            IFieldReferenceOperation field => (field.Field.Name, field.Field.Type),
            IPropertyReferenceOperation { Property.IsIndexer: false } property => (property.Property.Name, property.Property.Type),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } =>
                (key.Substring(key.LastIndexOfAny(KeySeparators) + 1), indexer.Property.Type),
            _ => (null, null),
        };
        if (name is null || !CanHoldSecret(type))
        {
            return null;
        }

        // Compiler-generated backing fields look like <Password>k__BackingField.
        var words = name.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant().TrimStart('<').Split('>')[0];
        if (!SecretWords.Any(w => words.Contains(w)))
        {
            return null;
        }

        var rest = SecretWords.Aggregate(words, (text, word) => text.Replace(word, " "));
        if (NotSecretWords.Any(w => rest.Contains(w)) || words.EndsWith("id", StringComparison.Ordinal))
        {
            return null;
        }

        return name;
    }

    private static bool CanHoldSecret(ITypeSymbol? type) =>
        type is not null
        && (type.SpecialType == SpecialType.System_String
            || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char or SpecialType.System_Byte }
            || type.HasFullName("System.Security.SecureString") || type.HasFullName("System.Net.NetworkCredential"));
}
