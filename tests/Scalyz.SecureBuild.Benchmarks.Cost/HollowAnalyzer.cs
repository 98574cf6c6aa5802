using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Benchmarks.Cost;

/// <summary>
/// The floor of an analyzer: it registers exactly what <paramref name="inner"/> registers (the same action kinds, syntax
/// and operation kinds, symbol kinds, concurrency and generated-code settings), but every callback is empty. Start
/// actions still run the inner start callback, since that is where the nested registrations are made; what it then
/// registers is hollowed too. The difference between an analyzer and its hollow copy is what its callbacks cost; the
/// difference between the hollow copy and no analyzer is what the driver charges for the registrations themselves.
/// </summary>
internal sealed class HollowAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => inner.Initialize(new HollowContext(context));

    private sealed class HollowContext(AnalysisContext real) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => real.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => real.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            real.RegisterCompilationStartAction(start => action(new HollowStartContext(start)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => real.RegisterCompilationAction(static _ => { });

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => real.RegisterSemanticModelAction(static _ => { });

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            real.RegisterSymbolAction(static _ => { }, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw Unsupported("code block start");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => real.RegisterCodeBlockAction(static _ => { });

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => real.RegisterSyntaxTreeAction(static _ => { });

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            real.RegisterSyntaxNodeAction(static _ => { }, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(static _ => { }, operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => real.RegisterOperationBlockAction(static _ => { });

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported("operation block start");

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported("symbol start");

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => real.RegisterAdditionalFileAction(static _ => { });
    }

    private sealed class HollowStartContext(CompilationStartAnalysisContext real)
        : CompilationStartAnalysisContext(real.Compilation, real.Options, real.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => real.RegisterCompilationEndAction(static _ => { });

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => real.RegisterSemanticModelAction(static _ => { });

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            real.RegisterSymbolAction(static _ => { }, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw Unsupported("code block start");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => real.RegisterCodeBlockAction(static _ => { });

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => real.RegisterSyntaxTreeAction(static _ => { });

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            real.RegisterSyntaxNodeAction(static _ => { }, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(static _ => { }, operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => real.RegisterOperationBlockAction(static _ => { });

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported("operation block start");

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported("symbol start");

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => real.RegisterAdditionalFileAction(static _ => { });
    }

    // Nested start contexts (symbol, code block, operation block) would need the inner start callback run per symbol or
    // block to learn what it registers. No analyzer of the package uses them; if one starts to, the floor must learn them
    // rather than silently measure less.
    private static NotSupportedException Unsupported(string kind) =>
        new($"The hollow floor does not mirror {kind} actions yet; an analyzer registered one.");
}

/// <summary>An analyzer that registers something and does nothing with it: the floors the package is measured against.</summary>
internal abstract class FloorAnalyzer(string id, GeneratedCodeAnalysisFlags generatedCode = GeneratedCodeAnalysisFlags.None) : DiagnosticAnalyzer
{
    private readonly DiagnosticDescriptor rule = new(id, "Empty", "Empty", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(generatedCode);
        Register(context);
    }

    protected abstract void Register(AnalysisContext context);
}

/// <summary>The floor named in issue 13: an analyzer that registers the commonest operation actions and does nothing.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyOperationAnalyzer(GeneratedCodeAnalysisFlags generatedCode = GeneratedCodeAnalysisFlags.None) : FloorAnalyzer("BENCH0001", generatedCode)
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
}

/// <summary>
/// The floor of a syntax-based rule: an analyzer that registers syntax-node actions on the same constructs (calls,
/// object creations, assignments) and does nothing. Beside the operation floor it shows what building operation trees costs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptySyntaxNodeAnalyzer() : FloorAnalyzer("BENCH0002")
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterSyntaxNodeAction(
            static _ => { },
            Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression,
            Microsoft.CodeAnalysis.CSharp.SyntaxKind.ObjectCreationExpression,
            Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression);
}

/// <summary>
/// The experiment of issue 13: the floor of a rule that asks for operations only where it needs them. One semantic-model
/// action per tree walks the syntax itself and asks GetOperation for the candidate nodes only (calls, object creations,
/// assignments), instead of registering operation actions, for which the driver builds the operation tree of every
/// member body. It does nothing with what it gets; beside the empty operation analyzer it shows what that would save.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CandidateOperationWalker() : FloorAnalyzer("BENCH0004")
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterSemanticModelAction(static c =>
        {
            var model = c.SemanticModel;
            foreach (var node in model.SyntaxTree.GetRoot(c.CancellationToken).DescendantNodes())
            {
                switch ((Microsoft.CodeAnalysis.CSharp.SyntaxKind)node.RawKind)
                {
                    case Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression:
                    case Microsoft.CodeAnalysis.CSharp.SyntaxKind.ObjectCreationExpression:
                    case Microsoft.CodeAnalysis.CSharp.SyntaxKind.ImplicitObjectCreationExpression:
                    case Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression:
                        _ = model.GetOperation(node, c.CancellationToken);
                        break;
                }
            }
        });
}

/// <summary>
/// One syntax-tree action per tree that walks every node and asks nothing of the semantics: what a host that finds its
/// candidates on syntax alone would pay before asking for any operation.
/// </summary>
internal sealed class TreeWalkAnalyzer() : FloorAnalyzer("BENCH0005")
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterSyntaxTreeAction(static c =>
        {
            var count = 0;
            foreach (var node in c.Tree.GetRoot(c.CancellationToken).DescendantNodes())
            {
                if ((Microsoft.CodeAnalysis.CSharp.SyntaxKind)node.RawKind is Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression)
                {
                    count++;
                }
            }

            GC.KeepAlive(count);
        });
}

/// <summary>
/// The same walk, asking the compilation's (cached) semantic model for the operation of the calls whose name is in a small
/// set: the cost of a host that asks for operations only where some rule has a name to look for.
/// </summary>
internal sealed class TreeWalkNamedCandidates() : FloorAnalyzer("BENCH0006")
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "Create", "ComputeHash", "Start", "Deserialize", "Combine", "ReadAllText", "Open", "ExecuteReader", "ExecuteNonQuery",
        "Load", "LoadXml", "Transform", "IsMatch", "Match", "Replace", "Redirect", "Write", "GetBytes", "Next", "CreateEncryptor",
        "CreateDecryptor", "Encrypt", "Decrypt", "SetAccessControl", "FromSqlRaw", "ExecuteSqlRaw", "Add", "Append",
    };

    protected override void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            start.RegisterSyntaxTreeAction(c =>
            {
                SemanticModel? model = null;
                foreach (var node in c.Tree.GetRoot(c.CancellationToken).DescendantNodes())
                {
                    string? name = node switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax m } => m.Name.Identifier.ValueText,
                        Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax s } => s.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is not null && Names.Contains(name))
                    {
#pragma warning disable RS1030 // the experiment: under CompilationWithAnalyzers the compilation hands out the driver's cached model
                        model ??= compilation.GetSemanticModel(c.Tree);
#pragma warning restore RS1030
                        _ = model.GetOperation(node, c.CancellationToken);
                    }
                }
            });
        });
}

/// <summary>
/// Operation actions and syntax-node actions (on string literals) in one analyzer, as the package registers both: beside the
/// operation floor it shows what the driver's per-declaration syntax walk adds once operation trees are built anyway.
/// </summary>
internal sealed class EmptyOperationAndLiteralAnalyzer() : FloorAnalyzer("BENCH0007")
{
    protected override void Register(AnalysisContext context)
    {
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
        context.RegisterSyntaxNodeAction(static _ => { }, Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression, Microsoft.CodeAnalysis.CSharp.SyntaxKind.InterpolatedStringExpression);
    }
}
