using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// SSB1007: key material written into the code (a byte-array literal, Convert.FromBase64String/FromHexString of a
/// literal, Encoding.X.GetBytes of a literal, a u8 literal) that reaches a symmetric-key API: SymmetricSecurityKey
/// (JWT signing), HMAC constructors and HashData, AesGcm/AesCcm/ChaCha20Poly1305, CreateEncryptor/CreateDecryptor, or
/// an assignment to a cipher's Key property. Matched by name from the identifier token, without the semantic model.
/// </summary>
internal static class SymmetricKeySinks
{
    // The first-character test keeps the string switch (which hashes the whole name) off almost every identifier.
    public static bool IsSinkName(string name) => name.Length >= 3 && name[0] is 'S' or 'H' or 'A' or 'C' or 'K' && name switch
    {
        "SymmetricSecurityKey" or "HMACSHA1" or "HMACSHA256" or "HMACSHA384" or "HMACSHA512" or "HMACMD5" or "HMACSHA3_256"
            or "HMACSHA3_384" or "HMACSHA3_512" or "AesGcm" or "AesCcm" or "ChaCha20Poly1305" or "CreateEncryptor"
            or "CreateDecryptor" or "Key" => true,
        _ => false,
    };

    /// <summary>
    /// Cheap text test for the start of a sink name (HMAC..., SymmetricSecurityKey, AesGcm, AesCcm, ChaCha20Poly1305,
    /// CreateEncryptor/CreateDecryptor, or Key followed by a single '='), so that only those identifiers are looked up in the tree.
    /// </summary>
    public static bool MayStartAt(string text, int i)
    {
        var c = text[i];
        if (c is not ('H' or 'S' or 'A' or 'C' or 'K') || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_')))
        {
            return false;
        }

        return c switch
        {
            'H' => StartsWith(text, i, "HMAC"),
            'S' => StartsWith(text, i, "SymmetricSecurityKey"),
            'A' => StartsWith(text, i, "AesGcm") || StartsWith(text, i, "AesCcm"),
            'C' => StartsWith(text, i, "ChaCha20Poly1305") || StartsWith(text, i, "CreateEncryptor") || StartsWith(text, i, "CreateDecryptor"),
            _ => StartsWith(text, i, "Key") && IsSingleEqualsAfter(text, i + 3),
        };
    }

    private static bool StartsWith(string text, int i, string word) => string.CompareOrdinal(text, i, word, 0, word.Length) == 0;

    private static bool IsSingleEqualsAfter(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i + 1 < text.Length && text[i] == '=' && text[i + 1] != '=';
    }

    /// <summary>The literal key expression given to the sink named by <paramref name="identifier"/>, or null.</summary>
    public static ExpressionSyntax? FindLiteralKey(SyntaxToken identifier)
    {
        var name = identifier.ValueText;
        var node = identifier.Parent;
        ExpressionSyntax? key = null;
        if (name == "Key")
        {
            // cipher.Key = ... / new AesManaged { Key = ... }
            if (node is IdentifierNameSyntax identifierName)
            {
                var assignment = identifierName.Parent as AssignmentExpressionSyntax
                    ?? (identifierName.Parent is MemberAccessExpressionSyntax member && member.Name == identifierName ? member.Parent as AssignmentExpressionSyntax : null);
                key = assignment is not null && assignment.Left.Span.Contains(identifierName.Span) ? assignment.Right : null;
            }
        }
        else if (node is IdentifierNameSyntax or GenericNameSyntax)
        {
            var expression = (ExpressionSyntax)node;
            while (expression.Parent is QualifiedNameSyntax || (expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression))
            {
                expression = (ExpressionSyntax)expression.Parent;
            }

            var arguments = expression.Parent switch
            {
                ObjectCreationExpressionSyntax creation when creation.Type == expression => creation.ArgumentList,
                InvocationExpressionSyntax invocation when invocation.Expression == expression => invocation.ArgumentList,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access
                    when access.Expression == expression && access.Name.Identifier.ValueText == "HashData" => invocation.ArgumentList,
                _ => null,
            };
            if (arguments is { Arguments.Count: > 0 })
            {
                key = arguments.Arguments[0].Expression;
            }
        }

        return key is not null && IsLiteralKey(key) ? key : null;
    }

    private static bool IsLiteralKey(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return IsByteLiterals(initializer.Expressions);
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return IsByteLiterals(initializer.Expressions);
            case InitializerExpressionSyntax initializer:
                return IsByteLiterals(initializer.Expressions);
#if ROSLYN_4_8_OR_GREATER
            // aes.Key = [0x01, 0x02, ...] / new HMACSHA256([...]): a C# 12 collection expression of byte literals (no spreads).
            case CollectionExpressionSyntax collection:
                return collection.Elements.All(e => e is ExpressionElementSyntax)
                    && IsByteLiterals(SyntaxFactory.SeparatedList(collection.Elements.Select(e => ((ExpressionElementSyntax)e).Expression)));
#endif
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation:
                var method = member.Name.Identifier.ValueText;
                if (method is "FromBase64String" or "FromHexString" or "GetBytes" && invocation.ArgumentList.Arguments.Count > 0
                    && invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                    && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length >= 8)
                {
                    return true;
                }

                // "key"u8.ToArray()
                return method == "ToArray" && member.Expression is LiteralExpressionSyntax utf8 && utf8.IsKind(SyntaxKind.Utf8StringLiteralExpression);
            case LiteralExpressionSyntax utf8Literal when utf8Literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                return true;
            default:
                return false;
        }
    }

    // Eight bytes or more, all numeric literals: shorter arrays are test vectors or flags, not keys.
    private static bool IsByteLiterals(SeparatedSyntaxList<ExpressionSyntax> expressions)
    {
        if (expressions.Count < 8)
        {
            return false;
        }

        foreach (var element in expressions)
        {
            if (!element.IsKind(SyntaxKind.NumericLiteralExpression) && element is not CastExpressionSyntax { Expression: LiteralExpressionSyntax })
            {
                return false;
            }
        }

        return true;
    }
}
