using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

/// <summary>
/// Shared by the insecure-API fixes: swaps one node for its safe replacement, adds the namespace it needs, and offers
/// the fix only when the result introduces no compiler error (e.g. MD5 md5 = SHA256.Create() would not compile).
/// </summary>
internal static class SafeReplacement
{
    /// <summary>Registers <paramref name="title"/> when replacing <paramref name="node"/> by <paramref name="replacement"/> compiles.</summary>
    public static async Task RegisterAsync(CodeFixContext context, string title, SyntaxNode node, SyntaxNode? replacement, string? requiredNamespace = null)
    {
        if (replacement is null)
        {
            return;
        }

        var changed = await ReplaceAsync(context.Document, node, replacement, requiredNamespace, context.CancellationToken).ConfigureAwait(false);
        await RegisterIfCompilesAsync(context, title, changed).ConfigureAwait(false);
    }

    /// <summary>Registers <paramref name="title"/> producing <paramref name="changed"/> when it adds no compiler error.</summary>
    public static async Task RegisterIfCompilesAsync(CodeFixContext context, string title, Document changed)
    {
        if (await AddsErrorsAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(changed), equivalenceKey: title), context.Diagnostics);
    }

    /// <summary>The document with <paramref name="node"/> replaced (simplified and formatted) and a using for <paramref name="requiredNamespace"/>.</summary>
    public static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, string? requiredNamespace, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var newRoot = root.ReplaceNode(node, replacement.WithTriviaFrom(node).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
        newRoot = AddUsing(newRoot, requiredNamespace);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> when the file does not have it.</summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax root, string? ns)
    {
        if (ns is null || root.Usings.Any(u => u.Name?.ToString() == ns))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).NormalizeWhitespace().WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        return root.WithUsings(root.Usings.Add(directive));
    }

    /// <summary>Replaces the rightmost identifier of a type expression (MD5 in System.Security.Cryptography.MD5) with <paramref name="name"/>.</summary>
    public static ExpressionSyntax? RenameType(ExpressionSyntax typeExpression, string name) => typeExpression switch
    {
        IdentifierNameSyntax identifier => identifier.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(identifier.Identifier)),
        MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(name)),
        QualifiedNameSyntax qualified => qualified.WithRight(SyntaxFactory.IdentifierName(name)),
        _ => null,
    };

    private static async Task<bool> AddsErrorsAsync(Document before, Document after, CancellationToken cancellationToken)
    {
        var oldModel = await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newModel = await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var oldErrors = oldModel!.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        var newErrors = newModel!.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        return newErrors > oldErrors;
    }
}
