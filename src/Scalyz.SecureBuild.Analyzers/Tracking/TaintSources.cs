using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Scalyz.SecureBuild.Analyzers.Tracking;

/// <summary>
/// Answers what a reviewer asks of a value at a sink: is it a constant, is it text assembled from non-constant
/// parts, does it come from the HTTP request. Follows locals assigned once and simple conversions, nothing more,
/// so a finding can always be explained by reading the method.
/// </summary>
internal static class TaintSources
{
    private const int MaxDepth = 8;

    /// <summary>Strips conversions and parentheses, and replaces a local assigned exactly once by its value.</summary>
    public static IOperation Resolve(IOperation operation)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case ILocalReferenceOperation local when SingleValue(local) is { } value:
                    operation = value;
                    continue;
                default:
                    return operation;
            }
        }

        return operation;
    }

    /// <summary>The only value ever stored in a local (its initializer or its one assignment), or null when it changes.</summary>
    public static IOperation? SingleValue(ILocalReferenceOperation reference)
    {
        var root = Root(reference);
        IOperation? value = null;
        var writes = 0;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        value = initializer.Value;
                        writes++;
                    }

                    break;
                case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    value = assignment is ISimpleAssignmentOperation ? assignment.Value : null;
                    writes += assignment is ISimpleAssignmentOperation ? 1 : 2;
                    break;
                case IArgumentOperation { Value: ILocalReferenceOperation passed } argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && SymbolEqualityComparer.Default.Equals(passed.Local, reference.Local):
                    writes += 2;
                    break;
            }
        }

        return writes == 1 ? value : null;
    }

    /// <summary>Property values set on a new object: in its initializer, then on the local it is stored in (assigned once).</summary>
    public static System.Collections.Generic.IEnumerable<(string Name, IOperation Value)> Members(IObjectCreationOperation creation)
    {
        if (creation.Initializer is { } initializer)
        {
            foreach (var assignment in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IPropertyReferenceOperation property)
                {
                    yield return (property.Property.Name, assignment.Value);
                }
            }
        }

        if (StoredIn(creation) is { } local)
        {
            foreach (var assignment in Root(creation).Descendants().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } property
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                {
                    yield return (property.Property.Name, assignment.Value);
                }
            }
        }
    }

    /// <summary>The local a creation initializes, when that is where it goes.</summary>
    public static ILocalSymbol? StoredIn(IOperation creation)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
    }

    /// <summary>The outermost operation of the member body that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation) => ValueTracker.Root(operation);

    /// <summary>True when the value is known at compile time (constants, literals, constant-only concatenation or interpolation).</summary>
    public static bool IsConstant(IOperation operation)
    {
        operation = Resolve(operation);
        if (operation.ConstantValue.HasValue)
        {
            return true;
        }

        return operation switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => IsConstant(binary.LeftOperand) && IsConstant(binary.RightOperand),
            IInterpolatedStringOperation interpolated => interpolated.Parts.All(p => p is IInterpolatedStringTextOperation || (p is IInterpolationOperation hole && IsConstant(hole.Expression))),
            IFieldReferenceOperation field => field.Field.IsReadOnly && field.Field.IsStatic && ReadOnlyFieldIsConstant(field.Field),
            _ => false,
        };
    }

    /// <summary>
    /// True when the text is assembled at run time (concatenation, interpolation, string.Format/Concat/Join) from at
    /// least one part that is neither constant nor a value that cannot carry syntax (numbers, booleans, GUIDs, dates).
    /// </summary>
    public static bool IsBuiltFromNonConstant(IOperation operation, Func<IOperation, bool>? isSafePart = null) =>
        IsBuiltFromNonConstant(operation, isSafePart, 0);

    private static bool IsBuiltFromNonConstant(IOperation operation, Func<IOperation, bool>? isSafePart, int depth)
    {
        operation = Resolve(operation);
        if (depth > MaxDepth)
        {
            return false;
        }

        return operation switch
        {
            // sql += " AND name = '" + name + "'": built up across statements.
            ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_String && Writes(local) is { } writes =>
                writes.Any(w => w.IsAppend ? IsUnsafePart(w.Value, isSafePart) : IsBuiltFromNonConstant(w.Value, isSafePart, depth + 1)),
            IInvocationOperation { TargetMethod.Name: "ToString", Instance: ILocalReferenceOperation builder } when IsStringBuilderType(builder.Type) =>
                BuilderParts(builder).Any(p => IsUnsafePart(p, isSafePart)),
            IInvocationOperation helper when HelperResult(helper) is { } result => IsBuiltFromNonConstant(result, isSafePart, depth + 1),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String =>
                Parts(binary).Any(p => IsUnsafePart(p, isSafePart)),
            IInterpolatedStringOperation interpolated =>
                interpolated.Parts.OfType<IInterpolationOperation>().Any(h => IsUnsafePart(h.Expression, isSafePart)),
            IInvocationOperation invocation when IsStringBuilder(invocation) =>
                invocation.Arguments.Skip(invocation.TargetMethod.Name == "Format" ? 1 : 0).SelectMany(ArgumentValues).Any(p => IsUnsafePart(p, isSafePart)),
            _ => false,
        };
    }

    /// <summary>Every value stored in a local: initializer, assignments and += appends; null when it is passed by reference.</summary>
    public static System.Collections.Generic.List<(IOperation Value, bool IsAppend)>? Writes(ILocalReferenceOperation reference)
    {
        var writes = new System.Collections.Generic.List<(IOperation Value, bool IsAppend)>();
        foreach (var operation in Root(reference).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        writes.Add((initializer.Value, false));
                    }

                    break;
                case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, reference.Local):
                    writes.Add((assignment.Value, false));
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound when IsLocal(compound.Target, reference.Local):
                    writes.Add((compound.Value, true));
                    break;
                case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && IsLocal(argument.Value, reference.Local):
                    return null;
            }
        }

        return writes;
    }

    /// <summary>The text appended to a StringBuilder local: its constructor argument and every Append/AppendFormat/Insert on it.</summary>
    private static System.Collections.Generic.IEnumerable<IOperation> BuilderParts(ILocalReferenceOperation builder)
    {
        foreach (var operation in Root(builder).Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, builder.Local)
                && declarator.GetVariableInitializer()?.Value is IObjectCreationOperation creation)
            {
                foreach (var argument in creation.Arguments.Where(a => a.Value.Type?.SpecialType == SpecialType.System_String))
                {
                    yield return argument.Value;
                }
            }
            else if (operation is IInvocationOperation { TargetMethod.Name: "Append" or "AppendLine" or "AppendFormat" or "Insert" } call && ChainsFrom(call, builder.Local))
            {
                foreach (var value in call.Arguments.Where(a => a.Parameter?.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object || a.ArgumentKind == ArgumentKind.ParamArray).SelectMany(ArgumentValues))
                {
                    yield return value;
                }
            }
        }
    }

    private static bool ChainsFrom(IInvocationOperation call, ILocalSymbol local)
    {
        var instance = call.Instance;
        while (instance is IInvocationOperation inner)
        {
            instance = inner.Instance;
        }

        return IsLocal(instance, local);
    }

    private static bool IsLocal(IOperation? operation, ILocalSymbol local) =>
        operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    /// <summary>
    /// The returned expression of a small helper in the same file (expression body or a single return), so
    /// <c>cmd.CommandText = ByName(name)</c> is judged by what ByName builds.
    /// </summary>
    private static IOperation? HelperResult(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsVirtual || method.IsAbstract || method.ReturnType.SpecialType != SpecialType.System_String || invocation.SemanticModel is not { } model
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax() as Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax;
        var returned = syntax?.ExpressionBody?.Expression
            ?? (syntax?.Body?.Statements is { Count: 1 } statements && statements[0] is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax ret ? ret.Expression : null);
        return returned is null ? null : model.GetOperation(returned);
    }

    /// <summary>The constant text a string starts with (a literal, the first part of an interpolation or of a concatenation), or null.</summary>
    public static string? ConstantPrefix(IOperation operation)
    {
        var resolved = Resolve(operation);
        while (resolved is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && !resolved.ConstantValue.HasValue)
        {
            resolved = Resolve(binary.LeftOperand);
        }

        return resolved switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => text,
            IInterpolatedStringOperation interpolated when interpolated.Parts.FirstOrDefault() is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string head } => head,
            _ => null,
        };
    }

    /// <summary>True for text assembled from parts: concatenation, interpolation, string.Format/Concat/Join, or a StringBuilder local's ToString().</summary>
    public static bool IsAssembled(IOperation operation) =>
        Resolve(operation) switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => binary.Type?.SpecialType == SpecialType.System_String,
            IInterpolatedStringOperation => true,
            IInvocationOperation invocation => IsStringBuilder(invocation)
                || invocation is { TargetMethod.Name: "ToString", Instance: ILocalReferenceOperation builder } && IsStringBuilderType(builder.Type),
            _ => false,
        };

    /// <summary>True when the value is read from the HTTP request, directly or through a local, concatenation or ToString().</summary>
    public static bool IsRequestData(IOperation operation) => IsRequestData(operation, 0);

    private static bool IsRequestData(IOperation operation, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = Resolve(operation);
        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return IsRequestParameter(parameter.Parameter);
            case IPropertyReferenceOperation property:
                if (IsRequestMember(property.Property))
                {
                    return true;
                }

                return property.Instance is { } instance && (property.Property.IsIndexer || property.Property.Name == "Value") && IsRequestData(instance, depth + 1);
            case IInvocationOperation invocation:
                if (invocation.TargetMethod.Name is "ToString" or "First" or "FirstOrDefault" or "Trim" or "ToLower" or "ToLowerInvariant" or "ToUpperInvariant"
                    && (invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value) is { } receiver)
                {
                    return IsRequestData(receiver, depth + 1);
                }

                return IsStringBuilder(invocation) && invocation.Arguments.SelectMany(ArgumentValues).Any(a => IsRequestData(a, depth + 1));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return IsRequestData(binary.LeftOperand, depth + 1) || IsRequestData(binary.RightOperand, depth + 1);
            case IInterpolatedStringOperation interpolated:
                return interpolated.Parts.OfType<IInterpolationOperation>().Any(h => IsRequestData(h.Expression, depth + 1));
            case ICoalesceOperation coalesce:
                return IsRequestData(coalesce.Value, depth + 1);
            case IConditionalAccessOperation conditional:
                return IsRequestData(conditional.Operation, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// A string parameter bound from the request: of a public MVC/Web API action, of a Razor page handler, or of a
    /// minimal-API handler lambda passed to MapGet/MapPost/....
    /// </summary>
    public static bool IsRequestParameter(IParameterSymbol parameter)
    {
        if (parameter.Type.SpecialType != SpecialType.System_String || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return false;
        }

        if (method.MethodKind == MethodKind.AnonymousFunction)
        {
            return IsMinimalApiHandler(parameter);
        }

        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
        {
            return false;
        }

        // The base type's name (a cached string) first; its full name only for the four that can match.
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name is not ("ControllerBase" or "Controller" or "ApiController" or "PageModel"))
            {
                continue;
            }

            var name = type.ToDisplayString();
            if (name is "Microsoft.AspNetCore.Mvc.ControllerBase" or "System.Web.Mvc.Controller" or "System.Web.Http.ApiController")
            {
                return !IsNonAction(method);
            }

            if (name == "Microsoft.AspNetCore.Mvc.RazorPages.PageModel")
            {
                return method.Name.StartsWith("On", StringComparison.Ordinal) && !IsNonAction(method);
            }
        }

        return false;
    }

    private static bool IsNonAction(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "NonActionAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMinimalApiHandler(IParameterSymbol parameter)
    {
        var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        for (var node = syntax?.Parent; node is not null; node = node.Parent)
        {
            if (node.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression)
            {
                var text = node.ChildNodes().FirstOrDefault()?.ToString() ?? string.Empty;
                var name = text.Substring(text.LastIndexOf('.') + 1);
                return name is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods";
            }
        }

        return false;
    }

    private static bool IsRequestMember(IPropertySymbol property)
    {
        // The property's name (a cached string) first; the owner's full name only for the names a request has.
        if (property.Name is not ("Query" or "Form" or "Headers" or "Cookies" or "RouteValues" or "QueryString" or "Path" or "Body" or "Params" or "RawUrl" or "Url" or "UrlReferrer" or "FileName" or "this[]"))
        {
            return false;
        }

        var owner = property.ContainingType?.ToDisplayString() ?? string.Empty;
        return property.Name switch
        {
            "Query" or "Form" or "Headers" or "Cookies" or "RouteValues" or "QueryString" or "Path" or "Body" =>
                owner is "Microsoft.AspNetCore.Http.HttpRequest" or "System.Web.HttpRequest" or "System.Web.HttpRequestBase",
            "Params" or "RawUrl" or "Url" or "UrlReferrer" => owner is "System.Web.HttpRequest" or "System.Web.HttpRequestBase",
            "FileName" => owner is "Microsoft.AspNetCore.Http.IFormFile" or "System.Web.HttpPostedFile" or "System.Web.HttpPostedFileBase",
            "this[]" => owner is "System.Web.HttpRequest" or "System.Web.HttpRequestBase",
            _ => false,
        };
    }

    private static bool IsUnsafePart(IOperation part, Func<IOperation, bool>? isSafePart)
    {
        var resolved = Resolve(part);
        if (IsConstant(resolved) || CannotCarrySyntax(resolved.Type) || (isSafePart?.Invoke(resolved) ?? false) || IsSafeSequence(resolved, isSafePart))
        {
            return false;
        }

        // Nested concatenations, interpolations and string.Format/Concat/Join count by their own parts.
        return resolved switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } or IInterpolatedStringOperation => IsBuiltFromNonConstant(resolved, isSafePart),
            IInvocationOperation invocation when IsStringBuilder(invocation) => IsBuiltFromNonConstant(resolved, isSafePart),
            _ => true,
        };
    }

    // string.Join(",", Enumerable.Range(0, n).Select(i => "@p" + i)) and Enumerable.Repeat("?", n) make placeholders, not data.
    private static bool IsSafeSequence(IOperation operation, Func<IOperation, bool>? isSafePart)
    {
        if (operation is not IInvocationOperation { TargetMethod.ContainingType.Name: "Enumerable" } invocation)
        {
            return false;
        }

        switch (invocation.TargetMethod.Name)
        {
            case "Repeat":
                return invocation.Arguments.Length > 0 && IsConstant(invocation.Arguments[0].Value);
            case "Select" when invocation.Arguments.Length == 2:
                var selector = Resolve(invocation.Arguments[1].Value);
                if (selector is IDelegateCreationOperation creation)
                {
                    selector = creation.Target;
                }

                return selector is IAnonymousFunctionOperation lambda
                    && lambda.Body.Descendants().OfType<IReturnOperation>().All(r => r.ReturnedValue is { } value && !IsUnsafePart(value, isSafePart));
            default:
                return false;
        }
    }

    private static bool CannotCarrySyntax(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.TypeKind == TypeKind.Enum || type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_DateTime
                or SpecialType.System_Char => true,
            _ => type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" && type.ToDisplayString() is "System.Guid" or "System.DateTimeOffset" or "System.TimeSpan",
        };
    }

    private static System.Collections.Generic.IEnumerable<IOperation> Parts(IBinaryOperation binary)
    {
        foreach (var side in new[] { binary.LeftOperand, binary.RightOperand })
        {
            var resolved = Resolve(side);
            if (resolved is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } nested && nested.Type?.SpecialType == SpecialType.System_String)
            {
                foreach (var part in Parts(nested))
                {
                    yield return part;
                }
            }
            else
            {
                yield return side;
            }
        }
    }

    private static System.Collections.Generic.IEnumerable<IOperation> ArgumentValues(IArgumentOperation argument) =>
        CollectionValues.ArgumentValues(argument);

    private static bool IsStringBuilderType(ITypeSymbol? type) =>
        type?.Name == "StringBuilder" && type.ToDisplayString() == "System.Text.StringBuilder";

    private static bool IsStringBuilder(IInvocationOperation invocation) =>
        invocation.TargetMethod.IsStatic
        && invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
        && invocation.TargetMethod.Name is "Format" or "Concat" or "Join";

    private static bool ReadOnlyFieldIsConstant(IFieldSymbol field) =>
        field.Type.SpecialType == SpecialType.System_String
        && field.DeclaringSyntaxReferences.Length == 1
        && field.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax };
}
