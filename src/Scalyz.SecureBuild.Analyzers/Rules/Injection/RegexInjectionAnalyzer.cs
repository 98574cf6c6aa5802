using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>
/// A regular expression run without a match timeout (or NonBacktracking) whose pattern comes from request data, a
/// parameter or unescaped assembled values (CA3012, Sonar S2631), or whose constant pattern repeats a group that is
/// itself only repetitions, such as (a+)+ or (\w+\s?)*, which backtracks exponentially (Sonar S5852).
/// </summary>
public sealed class RegexInjectionAnalyzer : DiagnosticAnalyzer
{
    private const int NonBacktracking = 1024;

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.RegexInjection, "Regex pattern from input without a timeout",
        "{0} and the regular expression has no match timeout, so a crafted input can keep the CPU busy (ReDoS); {1}",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RegexInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var regex = start.Compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
            if (regex is null)
            {
                return;
            }

            // Keyed: a Regex created or a static Regex method called; both checked again below.
            var isRegex = KeyedOperations.Exactly(regex);
            start.RegisterOperationActionForTypes(
                isRegex,
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (SymbolEqualityComparer.Default.Equals(creation.Type, regex))
                    {
                        Check(c, creation.Arguments);
                    }
                },
                OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(
                isRegex,
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.IsStatic && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, regex))
                    {
                        Check(c, invocation.Arguments);
                    }
                },
                OperationKind.Invocation);
        });
    }

    private static void Check(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
    {
        var pattern = InjectionParts.Argument(arguments, "pattern");
        if (pattern is null || arguments.Any(a => a.Parameter?.Name == "matchTimeout"))
        {
            return;
        }

        if (InjectionParts.Argument(arguments, "options")?.Value is { ConstantValue: { HasValue: true, Value: int options } } && (options & NonBacktracking) != 0)
        {
            return;
        }

        if (TaintSources.IsRequestData(pattern.Value) || TaintSources.IsBuiltFromNonConstant(pattern.Value, InjectionParts.IsEscaped)
            || TaintSources.Resolve(pattern.Value) is IParameterReferenceOperation)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, pattern.Value.Syntax.GetLocation(), "The pattern is built from non-constant input", "escape the input with Regex.Escape or pass a timeout"));
        }
        else if (ValueTracker.Constant(pattern.Value) is { HasValue: true, Value: string text } && RegexShape.HasNestedRepetition(text))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, pattern.Value.Syntax.GetLocation(), "The pattern repeats a group of repetitions", "rewrite it without the nested repetition, pass a timeout or use RegexOptions.NonBacktracking"));
        }
    }
}

/// <summary>Finds the shape that makes a backtracking engine take exponential time: a repeated group made only of repetitions.</summary>
internal static class RegexShape
{
    /// <summary>True for (a+)+, (\w+\s?)*, ([a-z]*)+ ...; false for (\d+\.)* where a required part separates the repetitions.</summary>
    public static bool HasNestedRepetition(string pattern)
    {
        // Per open group: does it contain an unbounded repetition, and is every part of it optional or repeated.
        var stack = new System.Collections.Generic.List<(bool Unbounded, bool AllRepeated, bool BranchAllRepeated)>();
        (bool Unbounded, bool AllRepeated, bool BranchAllRepeated) current = (false, true, true);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            bool atomUnbounded;
            switch (c)
            {
                case '(':
                    stack.Add(current);
                    current = (false, true, true);
                    i++;
                    if (i < pattern.Length && pattern[i] == '?')
                    {
                        // (?:  (?<name>  (?'name'  (?=  (?!  (?<=  (?<!  (?i)
                        var lookaround = i + 1 < pattern.Length && (pattern[i + 1] is '=' or '!' || (pattern[i + 1] == '<' && i + 2 < pattern.Length && pattern[i + 2] is '=' or '!'));
                        while (i < pattern.Length && pattern[i] is not (':' or '>' or '\'' or ')' or '=' or '!'))
                        {
                            i++;
                        }

                        if (i < pattern.Length && pattern[i] == ')')
                        {
                            // an inline option group such as (?i): no content
                            current = stack[stack.Count - 1];
                            stack.RemoveAt(stack.Count - 1);
                            i++;
                            continue;
                        }

                        i++;
                        if (lookaround)
                        {
                            current.AllRepeated = false;
                        }
                    }

                    continue;
                case ')':
                    if (stack.Count == 0)
                    {
                        return false;
                    }

                    var group = current;
                    group.AllRepeated = group.AllRepeated && group.BranchAllRepeated;
                    current = stack[stack.Count - 1];
                    stack.RemoveAt(stack.Count - 1);
                    i++;
                    var (quantified, unbounded) = Quantifier(pattern, ref i);
                    if (unbounded && group.Unbounded && group.AllRepeated)
                    {
                        return true;
                    }

                    current.Unbounded |= group.Unbounded || unbounded;
                    // A group counts as a required part unless it is quantified or itself only repetitions.
                    current.BranchAllRepeated &= quantified || group.AllRepeated;
                    continue;
                case '|':
                    current.AllRepeated = current.AllRepeated && current.BranchAllRepeated;
                    current.BranchAllRepeated = true;
                    i++;
                    continue;
                case '^' or '$':
                    i++;
                    continue;
                case '\\':
                    i += i + 1 < pattern.Length && pattern[i + 1] is 'p' or 'P' && i + 2 < pattern.Length && pattern[i + 2] == '{'
                        ? pattern.IndexOf('}', i) is var close and >= 0 ? close - i + 1 : pattern.Length - i
                        : 2;
                    if (i - 1 < pattern.Length && i >= 2 && pattern[i - 1] is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G' && pattern[i - 2] == '\\')
                    {
                        continue;
                    }

                    break;
                case '[':
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        i++;
                    }

                    if (i < pattern.Length && pattern[i] == ']')
                    {
                        i++;
                    }

                    while (i < pattern.Length && pattern[i] != ']')
                    {
                        i += pattern[i] == '\\' ? 2 : 1;
                    }

                    i++;
                    break;
                default:
                    i++;
                    break;
            }

            var (isQuantified, isUnbounded) = Quantifier(pattern, ref i);
            atomUnbounded = isUnbounded;
            current.Unbounded |= atomUnbounded;
            current.BranchAllRepeated &= isQuantified;
        }

        return false;
    }

    // Reads a quantifier after an atom: * + ? {n} {n,} {n,m}, with a lazy ? or possessive + after it.
    private static (bool Quantified, bool Unbounded) Quantifier(string pattern, ref int i)
    {
        if (i >= pattern.Length)
        {
            return (false, false);
        }

        (bool, bool) result;
        switch (pattern[i])
        {
            case '*' or '+':
                result = (true, true);
                i++;
                break;
            case '?':
                result = (true, false);
                i++;
                break;
            case '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0)
                {
                    return (false, false);
                }

                var body = pattern.Substring(i + 1, close - i - 1);
                var comma = body.IndexOf(',');
                if (body.Length == 0 || !char.IsDigit(body[0]))
                {
                    return (false, false);
                }

                // {n} with n > 0 is a required part; {0,m} and {n,} are optional or repeated; {n,} is unbounded.
                result = comma < 0 ? (body == "0", false) : (true, comma == body.Length - 1);
                i = close + 1;
                break;
            default:
                return (false, false);
        }

        if (i < pattern.Length && pattern[i] is '?' or '+')
        {
            i++;
        }

        return result;
    }
}
