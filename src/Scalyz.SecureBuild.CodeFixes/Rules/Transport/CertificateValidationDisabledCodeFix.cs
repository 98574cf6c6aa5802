using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Transport;

/// <summary>Removes the assignment of a certificate-bypass callback, so the platform's validation applies again.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateValidationDisabledCodeFix)), Shared]
public sealed class CertificateValidationDisabledCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.CertificateValidationDisabled)
{
    private const string Title = "Remove the certificate validation bypass";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var value = node;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not AssignmentExpressionSyntax assignment || assignment.Right != value)
        {
            return;
        }

        SyntaxNode? newRoot = assignment.Parent switch
        {
            InitializerExpressionSyntax initializer => root.ReplaceNode(initializer, initializer.WithExpressions(initializer.Expressions.Remove(assignment))),
            ExpressionStatementSyntax statement => root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia),
            _ => null,
        };
        if (newRoot is not null)
        {
            await SafeReplacement.RegisterIfCompilesAsync(context, Title, context.Document.WithSyntaxRoot(newRoot)).ConfigureAwait(false);
        }
    }
}
