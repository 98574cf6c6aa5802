using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>What the injection rules accept as a safe part of assembled text.</summary>
internal static class InjectionParts
{
    /// <summary>A value passed through an escaping, encoding or sanitizing call (Regex.Escape, an LDAP encoder, a project's own escaper).</summary>
    public static bool IsEscaped(IOperation part) =>
        part is IInvocationOperation invocation
        && (invocation.TargetMethod.Name.IndexOf("Escape", System.StringComparison.Ordinal) >= 0
            || invocation.TargetMethod.Name.IndexOf("Encode", System.StringComparison.Ordinal) >= 0
            || invocation.TargetMethod.Name.IndexOf("Sanitize", System.StringComparison.Ordinal) >= 0
            || invocation.TargetMethod.Name.IndexOf("Quote", System.StringComparison.Ordinal) >= 0);

    /// <summary>The argument bound to the parameter named <paramref name="name"/>, if any.</summary>
    public static IArgumentOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}
