using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Web;

/// <summary>Sets Secure / HttpOnly to true: flips an explicit false, or adds the assignment to the cookie's object initializer.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CookieCodeFix)), Shared]
public sealed class CookieCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CookieWithoutSecure, DiagnosticIds.CookieWithoutHttpOnly);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var property = diagnostic.Id == DiagnosticIds.CookieWithoutSecure ? "Secure" : "HttpOnly";
            var title = $"Set {property} = true";
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? replacement = node switch
            {
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression) =>
                    SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal),
                ObjectCreationExpressionSyntax creation => WithMember(creation, property),
                _ => null,
            };
            if (replacement is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement))), title),
                    diagnostic);
            }
        }
    }

    private static ObjectCreationExpressionSyntax WithMember(ObjectCreationExpressionSyntax creation, string property)
    {
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(property),
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        if (creation.Initializer is { } initializer)
        {
            var expressions = initializer.Expressions;
            var trailing = expressions.Count > 0 ? expressions[expressions.Count - 1].GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space);
            var items = expressions.Select((e, i) => i == expressions.Count - 1 ? e.WithoutTrailingTrivia() : e).ToList();
            items.Add(assignment.NormalizeWhitespace().WithLeadingTrivia(expressions.Count > 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : default).WithTrailingTrivia(trailing));
            return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList(items)));
        }

        var created = creation.ArgumentList is null ? creation.WithType(creation.Type.WithoutTrailingTrivia()).WithArgumentList(SyntaxFactory.ArgumentList()) : creation;
        return created
            .WithArgumentList(created.ArgumentList!.WithoutTrailingTrivia())
            .WithInitializer(SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment.NormalizeWhitespace()),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(creation.GetTrailingTrivia()));
    }
}
