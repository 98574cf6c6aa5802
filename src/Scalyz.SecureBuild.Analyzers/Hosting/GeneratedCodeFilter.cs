using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Analyzers.Hosting;

/// <summary>
/// Whether a diagnostic lands in generated code, decided as the driver decides it for an analyzer that does not report
/// there (GeneratedCodeAnalysisFlags without ReportDiagnostics): a generated file (generated_code in .editorconfig, else a
/// .g.cs/.generated.cs/.designer.cs/.g.i.cs or TemporaryGeneratedFile_ name, else an &lt;auto-generated&gt; header comment), a
/// #line hidden region, or a declaration whose symbol (or a containing one) carries [GeneratedCode]. The host needs it for
/// the rules that skip generated code when another rule makes the host analyze it: the driver then no longer filters
/// their diagnostics. Only actions that can report away from what they were shown (trees, symbols, blocks, the compilation)
/// go through it; an operation or node the driver marked non-generated is reported where it is. Used on the report path
/// only, once per diagnostic, never per node.
/// </summary>
internal sealed class GeneratedCodeFilter(Compilation compilation, AnalyzerOptions options)
{
    private readonly ConcurrentDictionary<SyntaxTree, bool> generatedTrees = new();
    private readonly INamedTypeSymbol? generatedCodeAttribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");

    public Action<Diagnostic> Filter(Action<Diagnostic> report, CancellationToken cancellationToken) =>
        diagnostic =>
        {
            if (!IsInGeneratedCode(diagnostic.Location, cancellationToken))
            {
                report(diagnostic);
            }
        };

    public bool IsInGeneratedCode(Location location, CancellationToken cancellationToken)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree)
        {
            return false;
        }

        if (generatedTrees.GetOrAdd(tree, t => IsGeneratedTree(t, cancellationToken))
            || tree.GetLineVisibility(location.SourceSpan.Start, cancellationToken) == LineVisibility.Hidden)
        {
            return true;
        }

        if (generatedCodeAttribute is null || !compilation.ContainsSyntaxTree(tree))
        {
            return false;
        }

        var model = compilation.GetSemanticModel(tree);
        for (var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax
                && model.GetDeclaredSymbol(node, cancellationToken) is { } symbol && HasGeneratedCodeAttribute(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasGeneratedCodeAttribute(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCodeAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsGeneratedTree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        switch (compilation.Options.SyntaxTreeOptionsProvider?.IsGenerated(tree, cancellationToken))
        {
            case GeneratedKind.MarkedGenerated:
                return true;
            case GeneratedKind.NotGenerated:
                return false;
        }

        // A generated_code value only the analyzer options carry (no compilation-level provider).
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out var marked) && bool.TryParse(marked, out var isGenerated))
        {
            return isGenerated;
        }

        return IsGeneratedFileName(tree.FilePath) || BeginsWithGeneratedComment(tree, cancellationToken);
    }

    private static bool IsGeneratedFileName(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var name = Path.GetFileName(path);
        if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.IsNullOrEmpty(Path.GetExtension(name)))
        {
            return false;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        return stem.EndsWith(".designer", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".generated", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".g", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase);
    }

    private static bool BeginsWithGeneratedComment(SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia:
                    var text = trivia.ToString();
                    if (text.IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("<autogenerated", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }

                    break;
                case SyntaxKind.WhitespaceTrivia or SyntaxKind.EndOfLineTrivia:
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
