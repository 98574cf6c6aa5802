using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Secrets;

/// <summary>
/// SSB1007: replaces the literal key bytes with <c>Convert.FromBase64String(Environment.GetEnvironmentVariable("NAME") ?? throw ...)</c>,
/// a byte[] like the literal it replaces, read at run time and failing closed when unset.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SymmetricKeyCodeFix))]
[Shared]
public sealed class SymmetricKeyCodeFix : FlaggedNodeCodeFix
{
    private const string Title = "Read the key from an environment variable (base64)";

    public SymmetricKeyCodeFix()
        : base(DiagnosticIds.SymmetricKey)
    {
    }

    protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var diagnostic = context.Diagnostics[0];
        if (node is not ExpressionSyntax key || (key is InitializerExpressionSyntax && key.Parent is not EqualsValueClauseSyntax)
            || !diagnostic.Properties.TryGetValue(SecretDescriptors.EnvironmentVariableProperty, out var name) || name is null)
        {
            return Task.CompletedTask;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, _ =>
            {
                var lookup = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.ParseExpression("System.Convert.FromBase64String"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(HardcodedSecretCodeFix.EnvironmentLookup(name)))))
                    .WithTriviaFrom(key);
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(key, lookup)));
            }, Title),
            diagnostic);
        return Task.CompletedTask;
    }
}
