using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scalyz.SecureBuild.Analyzers;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

namespace Scalyz.SecureBuild.CodeFixes.Rules.Transport;

/// <summary>Replaces the whole protocol value (with its flag combination) by the OS default: SecurityProtocolType.SystemDefault or SslProtocols.None.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteTlsProtocolCodeFix)), Shared]
public sealed class ObsoleteTlsProtocolCodeFix() : FlaggedNodeCodeFix(DiagnosticIds.ObsoleteTlsProtocol)
{
    private const string Title = "Let the operating system choose the protocol";

    protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, SyntaxNode node)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var type = model!.GetTypeInfo(node, context.CancellationToken).Type;
        if (type is null)
        {
            return;
        }

        // Widen to the whole flag combination: "Tls | Tls12" becomes the default, not "SystemDefault | Tls12".
        var value = node;
        while (value.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseOrExpression } or ParenthesizedExpressionSyntax)
        {
            value = value.Parent;
        }

        var replacement = type.Name == "SslProtocols" ? "SslProtocols.None" : "SecurityProtocolType.SystemDefault";
        var ns = type.ContainingNamespace.ToDisplayString();
        if (value.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.OrAssignmentExpression } compound && compound.Right == value)
        {
            // "|= Tls11" adds a protocol; the fix removes the addition rather than resetting the whole setting.
            var statement = compound.Parent as ExpressionStatementSyntax;
            if (statement is not null)
            {
                var changed = context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!);
                await SafeReplacement.RegisterIfCompilesAsync(context, Title, changed).ConfigureAwait(false);
            }

            return;
        }

        await SafeReplacement.RegisterAsync(context, Title, value, SyntaxFactory.ParseExpression(replacement), ns).ConfigureAwait(false);
    }
}
