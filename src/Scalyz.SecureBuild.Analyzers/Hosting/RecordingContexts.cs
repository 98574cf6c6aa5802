using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Analyzers.Hosting;

/// <summary>The actions one rule registered in one context (its Initialize, or one compilation start), as a host composes them.</summary>
internal sealed class RuleActions
{
    public List<(Action<OperationAnalysisContext> Action, ImmutableArray<OperationKind> Kinds)> Operations { get; } = [];

    /// <summary>Operation actions for some key types only (<see cref="KeyedOperations"/>).</summary>
    public List<KeyedOperationAction> KeyedOperations { get; } = [];

    public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<int> Kinds)> SyntaxNodes { get; } = [];

    public List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds)> Symbols { get; } = [];

    public List<Action<SyntaxTreeAnalysisContext>> SyntaxTrees { get; } = [];

    public List<Action<SemanticModelAnalysisContext>> SemanticModels { get; } = [];

    public List<Action<CodeBlockAnalysisContext>> CodeBlocks { get; } = [];

    public List<Action<OperationBlockAnalysisContext>> OperationBlocks { get; } = [];

    public List<Action<CompilationAnalysisContext>> CompilationEnds { get; } = [];

    public List<Action<AdditionalFileAnalysisContext>> AdditionalFiles { get; } = [];

    public void AddSyntaxNodes<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> kinds)
        where TLanguageKindEnum : struct
    {
        var raw = ImmutableArray.CreateBuilder<int>(kinds.Length);
        foreach (var kind in kinds)
        {
            // Registration time only: the boxing here is once per rule and compilation, never per node.
            raw.Add(Convert.ToInt32(kind, CultureInfo.InvariantCulture));
        }

        SyntaxNodes.Add((action, raw.MoveToImmutable()));
    }

    // Nested start actions would need the host to run a rule's start callback per symbol or code block and compose what
    // it registers there. No rule uses them; a rule that starts to fails the host's equivalence test at once.
    public static NotSupportedException Unsupported(string kind) =>
        new($"The Scalyz.SecureBuild rule host does not compose {kind} actions yet; a rule registered one.");
}

/// <summary>What a rule's Initialize asked for.</summary>
internal sealed class RuleRegistrations
{
    public bool Concurrent { get; set; }

    // The driver's default for an analyzer that never configures generated code: analyze it and report in it.
    public GeneratedCodeAnalysisFlags GeneratedCode { get; set; } = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    public bool AnalyzesGeneratedCode => (GeneratedCode & GeneratedCodeAnalysisFlags.Analyze) != 0;

    public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = [];

    public RuleActions Actions { get; } = new();
}

/// <summary>The context a host hands to a rule's Initialize: it records, the host registers.</summary>
internal sealed class RecordingAnalysisContext(RuleRegistrations registrations) : AnalysisContext
{
    public RuleRegistrations Registrations => registrations;

    /// <summary>Record keyed operation actions as ordinary ones (the host's equivalence test: keyed dispatch against none).</summary>
    public bool IgnoreKeys { get; set; }

    public override void EnableConcurrentExecution() => registrations.Concurrent = true;

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        // Analyzing generated code but hiding what is found there would need the host to filter the rule's diagnostics by
        // location as the driver does; no rule asks for it.
        if ((analysisMode & GeneratedCodeAnalysisFlags.Analyze) != 0 && (analysisMode & GeneratedCodeAnalysisFlags.ReportDiagnostics) == 0)
        {
            throw RuleActions.Unsupported("analyze-but-do-not-report generated code");
        }

        registrations.GeneratedCode = analysisMode;
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => registrations.StartActions.Add(action);

    // A compilation action runs once the whole compilation is analyzed: a compilation-end action of the host's start.
    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => registrations.Actions.CompilationEnds.Add(action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => registrations.Actions.SemanticModels.Add(action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        registrations.Actions.Symbols.Add((action, symbolKinds));

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        throw RuleActions.Unsupported("code block start");

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => registrations.Actions.CodeBlocks.Add(action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => registrations.Actions.SyntaxTrees.Add(action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        registrations.Actions.AddSyntaxNodes(action, syntaxKinds);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        registrations.Actions.Operations.Add((action, operationKinds));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => registrations.Actions.OperationBlocks.Add(action);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw RuleActions.Unsupported("operation block start");

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw RuleActions.Unsupported("symbol start");

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => registrations.Actions.AdditionalFiles.Add(action);
}

#pragma warning disable RS1012 // The real start context is only read here; the host's dispatcher registers on it afterwards.

/// <summary>The compilation start a host hands to a rule: the real compilation, options and token; registrations recorded.</summary>
internal sealed class RecordingStartContext(Compilation compilation, AnalyzerOptions options, RuleActions actions, System.Threading.CancellationToken cancellationToken)
    : CompilationStartAnalysisContext(compilation, options, cancellationToken)
{
    public RuleActions Actions => actions;

    /// <summary>Record keyed operation actions as ordinary ones (the host's equivalence test: keyed dispatch against none).</summary>
    public bool IgnoreKeys { get; set; }

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => actions.CompilationEnds.Add(action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => actions.SemanticModels.Add(action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => actions.Symbols.Add((action, symbolKinds));

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        throw RuleActions.Unsupported("code block start");

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => actions.CodeBlocks.Add(action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => actions.SyntaxTrees.Add(action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        actions.AddSyntaxNodes(action, syntaxKinds);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        actions.Operations.Add((action, operationKinds));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => actions.OperationBlocks.Add(action);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw RuleActions.Unsupported("operation block start");

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw RuleActions.Unsupported("symbol start");

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => actions.AdditionalFiles.Add(action);
}
#pragma warning restore RS1012
