using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Secrets;

/// <summary>
/// Replaces a hard-coded secret literal with <c>Environment.GetEnvironmentVariable("NAME") ?? throw ...</c>, which
/// compiles wherever a string expression may stand; a <c>const</c> field becomes <c>static readonly</c>. Places that
/// need a constant (attribute arguments, parameter defaults, case labels, local constants) get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedSecretCodeFix))]
[Shared]
public sealed class HardcodedSecretCodeFix : CodeFixProvider
{
    private const string Title = "Read from environment variable";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.ProviderSecret, DiagnosticIds.HardcodedCredential, DiagnosticIds.ConnectionStringSecret, DiagnosticIds.UrlCredentials, DiagnosticIds.PrivateKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression) || NeedsConstant(literal)
            || !diagnostic.Properties.TryGetValue(SecretDescriptors.EnvironmentVariableProperty, out var name) || name is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, token => ReplaceAsync(context.Document, root, literal, name, token), Title),
            diagnostic);
    }

    private static bool NeedsConstant(LiteralExpressionSyntax literal) =>
        literal.Ancestors().Any(a => a is AttributeArgumentSyntax or ParameterSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax)
        || literal.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { IsConst: true };

    /// <summary><c>Environment.GetEnvironmentVariable("NAME") ?? throw ...</c>: a string read at run time, failing closed when unset.</summary>
    internal static ExpressionSyntax EnvironmentLookup(string name) =>
        SyntaxFactory.ParseExpression(
                $"System.Environment.GetEnvironmentVariable(\"{name}\") ?? throw new System.InvalidOperationException(\"Set the {name} environment variable.\")")
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static Task<Document> ReplaceAsync(Document document, SyntaxNode root, LiteralExpressionSyntax literal, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lookup = EnvironmentLookup(name).WithTriviaFrom(literal);
        var field = literal.FirstAncestorOrSelf<FieldDeclarationSyntax>();
        SyntaxNode newRoot;
        if (field is not null && field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            var newField = field.ReplaceNode(literal, lookup);
            var constModifier = newField.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
            newField = newField.WithModifiers(newField.Modifiers.Replace(constModifier,
                SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTriviaFrom(constModifier))
                .Insert(newField.Modifiers.IndexOf(SyntaxKind.ConstKeyword) + 1, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            newRoot = root.ReplaceNode(field, newField);
        }
        else
        {
            newRoot = root.ReplaceNode(literal, lookup);
        }

        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }
}
