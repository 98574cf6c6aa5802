using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Tracking;

/// <summary>
/// Follows a value the way a reviewer would, without a data-flow engine: constants, locals assigned once, readonly
/// fields initialised in the same file, lambdas and same-file helper methods that return a single expression.
/// </summary>
internal static class ValueTracker
{
    private const int MaxDepth = 4;

    /// <summary>Strips conversions and parentheses, then follows locals assigned once and simple helpers to the expression that produced the value.</summary>
    public static IOperation Resolve(IOperation operation) => Resolve(operation, 0);

    /// <summary>The compile-time value of <paramref name="operation"/>, following locals, readonly fields and helpers.</summary>
    public static Optional<object?> Constant(IOperation operation)
    {
        var resolved = Resolve(operation);
        return resolved.ConstantValue.HasValue ? resolved.ConstantValue : operation.ConstantValue;
    }

    /// <summary>The integer value, when it is known at compile time.</summary>
    public static bool TryGetInt(IOperation operation, out long value)
    {
        var constant = Constant(operation);
        if (constant.HasValue && constant.Value is int or long or short or uint or ushort or byte or sbyte)
        {
            value = System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// Bytes fixed in the source: an array of constants, a zero-filled array of constant size, Encoding.GetBytes or
    /// Convert.FromBase64String/FromHexString of a constant, or a UTF-8 string literal.
    /// </summary>
    public static bool IsHardCodedBytes(IOperation operation)
    {
        if (Strip(operation) is ILocalReferenceOperation local && IsContentOverwritten(local))
        {
            return false;
        }

        var value = Resolve(operation);
        switch (value)
        {
            case IArrayInitializerOperation initializer:
                return initializer.ElementValues.All(e => Constant(e).HasValue);
            case IArrayCreationOperation array:
                return array.Initializer is null
                    ? array.DimensionSizes.All(d => d.ConstantValue.HasValue)
                    : array.Initializer.ElementValues.All(e => Constant(e).HasValue);
            case IInvocationOperation invocation when invocation.Arguments.Length == 1 && IsConstantString(invocation.Arguments[0].Value):
                var type = invocation.TargetMethod.ContainingType;
                return (invocation.TargetMethod.Name == "GetBytes" && type.Name.EndsWith("Encoding", System.StringComparison.Ordinal))
                    || (type.Name == "Convert" && invocation.TargetMethod.Name is "FromBase64String" or "FromHexString");
#if ROSLYN_4_8_OR_GREATER
            // aes.Key = [0x01, 0x02, ...] / byte[] iv = [0, 0, ..zeros]: every element a constant, every spread hard-coded bytes.
            case ICollectionExpressionOperation collection:
                return collection.Elements.All(e => CollectionValues.SpreadOperand(e) is { } spread ? IsHardCodedBytes(spread) : Constant(e).HasValue);
#endif
            case IInvocationOperation toArray when toArray.TargetMethod.Name == "ToArray" && toArray.Instance is not null:
                return Resolve(toArray.Instance).Kind == OperationKind.Utf8String;
            default:
                return value.Kind == OperationKind.Utf8String;
        }
    }

    /// <summary>A string known at compile time (literal, constant, or a local/field holding one).</summary>
    public static bool IsConstantString(IOperation operation) => Constant(operation) is { HasValue: true, Value: string };

    /// <summary>The lambda, anonymous method or same-file method a delegate value points at, with its body.</summary>
    public static IOperation? DelegateBody(IOperation operation)
    {
        var value = Resolve(operation);
        if (value is IDelegateCreationOperation creation)
        {
            value = Resolve(creation.Target);
        }

        return value switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation reference => MethodBody(reference.Method, value),
            _ => null,
        };
    }

    /// <summary>True when every return of a delegate body or method body is the constant <paramref name="expected"/>.</summary>
    public static bool AlwaysReturns(IOperation body, object expected)
    {
        if (body is not IBlockOperation)
        {
            // An expression-bodied method: the expression is the one return.
            return Constant(body) is { HasValue: true } value && Equals(value.Value, expected);
        }

        var returns = body.Descendants().OfType<IReturnOperation>()
            .Where(r => !IsInsideNestedFunction(r, body))
            .ToList();
        return returns.Count > 0 && returns.All(r => r.ReturnedValue is { } v && Equals(Constant(v).Value, expected) && Constant(v).HasValue);
    }

    /// <summary>The named member a value ends up in (local, field, property, parameter or the enclosing method's name when returned).</summary>
    public static string? DestinationName(IOperation operation)
    {
        var current = operation;
        for (var depth = 0; depth < 8 && current.Parent is { } parent; depth++, current = parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IInvocationOperation { TargetMethod.Name: "ToString" or "ToBase64String" or "ToHexString" or "ToHexStringLower" or "ToInt32" or "ToInt64" }:
                case IInvocationOperation { TargetMethod.ContainingType.Name: "Convert" or "BitConverter" or "String" or "Encoding" or "Math" }:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ToBase64String" or "ToHexString" or "ToHexStringLower" or "ToString" or "Format" or "Concat" } }:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.ContainingType.Name: "Convert" or "BitConverter" or "String" or "Encoding" or "Math" } }:
                case IInterpolationOperation or IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol.Name;
                case IFieldInitializerOperation field:
                    return field.InitializedFields.FirstOrDefault()?.Name;
                case IPropertyInitializerOperation property:
                    return property.InitializedProperties.FirstOrDefault()?.Name;
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return assignment.Target switch
                    {
                        ILocalReferenceOperation l => l.Local.Name,
                        IFieldReferenceOperation f => f.Field.Name,
                        IPropertyReferenceOperation p => p.Property.Name,
                        IParameterReferenceOperation p => p.Parameter.Name,
                        _ => null,
                    };
                case IReturnOperation:
                    return EnclosingMemberName(parent);
                case IArgumentOperation argument:
                    return argument.Parameter?.Name;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The name of the method, property or local function whose body contains <paramref name="operation"/>.</summary>
    public static string? EnclosingMemberName(IOperation operation)
    {
        for (var node = operation.Syntax; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax m: return m.Identifier.ValueText;
                case LocalFunctionStatementSyntax f: return f.Identifier.ValueText;
                case PropertyDeclarationSyntax p: return p.Identifier.ValueText;
                case AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax p }: return p.Identifier.ValueText;
            }
        }

        return null;
    }

    /// <summary>The operation tree of the whole method (or lambda-free member body) containing <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    // A zero-filled buffer later filled by a random generator or a copy is not a constant, whatever its declaration says.
    private static bool IsContentOverwritten(ILocalReferenceOperation reference)
    {
        foreach (var other in Root(reference).Descendants().OfType<ILocalReferenceOperation>())
        {
            if (other == reference || !SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
            {
                continue;
            }

            var use = other.Parent is IConversionOperation conversion ? conversion.Parent : other.Parent;
            switch (use)
            {
                case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation invocation }
                    when invocation.TargetMethod.Name is "Fill" or "GetBytes" or "GetNonZeroBytes" or "NextBytes" or "Read" or "ReadExactly" or "ReadAtLeast"
                        || parameter.Name is "destinationArray" or "dst" or "destination" || parameter.RefKind != RefKind.None:
                case IArrayElementReferenceOperation { Parent: IAssignmentOperation }:
                case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" }:
                    return true;
            }
        }

        return false;
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation { ConstantValue.HasValue: false } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private static IOperation Resolve(IOperation operation, int depth)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion when !conversion.ConstantValue.HasValue || conversion.Operand.ConstantValue.HasValue:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
            }

            break;
        }

        if (depth >= MaxDepth || operation.ConstantValue.HasValue)
        {
            return operation;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local when SingleAssignment(local) is { } assigned:
                return Resolve(assigned, depth + 1);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when FieldInitializer(field, operation) is { } initializer:
                return Resolve(initializer, depth + 1);
            case IPropertyReferenceOperation { Property: { IsReadOnly: true, IsStatic: true } property } when PropertyValue(property, operation) is { } propertyValue:
                return Resolve(propertyValue, depth + 1);
            case IInvocationOperation { Arguments.Length: 0 } invocation when MethodBody(invocation.TargetMethod, operation) is { } body && SingleReturn(body) is { } returned:
                return Resolve(returned, depth + 1);
            default:
                return operation;
        }
    }

    // A local counts as tracked only when its declaration is its one and only write, so a later reassignment is never missed.
    // Per operation tree (a body, an initializer): each local's initial value, or null when the local is written again. Built
    // in one walk the first time a local of that tree is asked about, instead of one walk of the whole body per question;
    // weak, so it lives as long as the driver keeps the tree.
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, IOperation?>> SingleAssignments = new();

    private static IOperation? SingleAssignment(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef)
        {
            return null;
        }

        return SingleAssignments.GetValue(Root(reference), CollectSingleAssignments).TryGetValue(local, out var initial) ? initial : null;
    }

    private static Dictionary<ILocalSymbol, IOperation?> CollectSingleAssignments(IOperation root)
    {
        var initial = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
        var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var descendant in root.Descendants())
        {
            switch (descendant)
            {
                case IVariableDeclaratorOperation declarator:
                    initial[declarator.Symbol] = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                    written.Add(target.Local);
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented }:
                    written.Add(incremented.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed }:
                    written.Add(passed.Local);
                    break;
            }
        }

        foreach (var local in written)
        {
            initial[local] = null;
        }

        return initial;
    }

    private static IOperation? FieldInitializer(IFieldSymbol field, IOperation context)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value } && value.SyntaxTree == context.Syntax.SyntaxTree
                && context.SemanticModel?.GetOperation(value) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    private static IOperation? PropertyValue(IPropertySymbol property, IOperation context)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax() as PropertyDeclarationSyntax;
            var value = syntax?.ExpressionBody?.Expression ?? syntax?.Initializer?.Value;
            if (value is not null && value.SyntaxTree == context.Syntax.SyntaxTree && context.SemanticModel?.GetOperation(value) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    private static IOperation? MethodBody(IMethodSymbol method, IOperation context)
    {
        if (method.IsVirtual || method.IsAbstract || method.IsExtern)
        {
            return null;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            SyntaxNode? body = syntax switch
            {
                MethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody?.Expression,
                LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody?.Expression,
                _ => null,
            };
            if (body is not null && body.SyntaxTree == context.Syntax.SyntaxTree && context.SemanticModel?.GetOperation(body) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    private static IOperation? SingleReturn(IOperation body)
    {
        if (body is not IBlockOperation)
        {
            return body;
        }

        var returns = body.Descendants().OfType<IReturnOperation>().Where(r => !IsInsideNestedFunction(r, body)).ToList();
        return returns.Count == 1 ? returns[0].ReturnedValue : null;
    }

    private static bool IsInsideNestedFunction(IOperation operation, IOperation root)
    {
        for (var node = operation.Parent; node is not null && node != root; node = node.Parent)
        {
            if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every assignment in the same body that writes the property <paramref name="propertyName"/> on the same object as <paramref name="instance"/>.</summary>
    public static IEnumerable<ISimpleAssignmentOperation> AssignmentsOnSameObject(IOperation instance, string propertyName)
    {
        // The object is either the one an object initializer builds, or a local/field the code keeps setting afterwards.
        var creation = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
            ? instance.Ancestors().OfType<IObjectOrCollectionInitializerOperation>().FirstOrDefault()?.Parent
            : null;
        var symbol = creation is not null ? StoredIn(creation) : SymbolOf(instance);
        foreach (var assignment in Root(instance).Descendants().OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is not IPropertyReferenceOperation property || property.Property.Name != propertyName)
            {
                continue;
            }

            var onCreation = creation is not null && property.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && property.Instance.Ancestors().OfType<IObjectOrCollectionInitializerOperation>().FirstOrDefault()?.Parent == creation;
            var onSymbol = symbol is not null && property.Instance is { } target && SymbolEqualityComparer.Default.Equals(SymbolOf(target), symbol);
            if (onCreation || onSymbol)
            {
                yield return assignment;
            }
        }
    }

    private static ISymbol? StoredIn(IOperation creation) => creation.Parent switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
        ISimpleAssignmentOperation assignment => SymbolOf(assignment.Target),
        IConversionOperation conversion => StoredIn(conversion),
        _ => null,
    };

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation l => l.Local,
        IFieldReferenceOperation f => f.Field,
        IParameterReferenceOperation p => p.Parameter,
        IPropertyReferenceOperation p => p.Property,
        IConversionOperation c => SymbolOf(c.Operand),
        _ => null,
    };

    private static IEnumerable<IOperation> Ancestors(this IOperation operation)
    {
        for (var node = operation.Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }
}
