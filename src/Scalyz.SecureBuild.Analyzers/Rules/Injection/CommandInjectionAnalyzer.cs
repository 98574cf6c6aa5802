using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>A shell (cmd, sh, bash, PowerShell) started with arguments that are not constant.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CommandInjectionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CommandInjection, "Shell started with non-constant arguments",
        "'{0}' is started with non-constant arguments, which the shell interprets; run the program directly with ProcessStartInfo.ArgumentList",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CommandInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var startInfo = start.Compilation.GetTypeByMetadataName("System.Diagnostics.ProcessStartInfo");
            var process = start.Compilation.GetTypeByMetadataName("System.Diagnostics.Process");
            if (startInfo is null || process is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeStart(c, process), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeStartInfo(c, startInfo), OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeStart(OperationAnalysisContext context, INamedTypeSymbol process)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Start" || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, process))
        {
            return;
        }

        var file = InjectionParts.Argument(invocation.Arguments, "fileName");
        var arguments = InjectionParts.Argument(invocation.Arguments, "arguments");
        if (file is not null && arguments is not null && ProcessArguments.ShellName(file.Value) is { } shell && !TaintSources.IsConstant(arguments.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, arguments.Value.Syntax.GetLocation(), shell));
        }
    }

    private static void AnalyzeStartInfo(OperationAnalysisContext context, INamedTypeSymbol startInfo)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, startInfo))
        {
            return;
        }

        var (file, arguments) = ProcessArguments.Of(creation);
        if (file is not null && arguments is not null && ProcessArguments.ShellName(file) is { } shell && !TaintSources.IsConstant(arguments))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, arguments.Syntax.GetLocation(), shell));
        }
    }
}

/// <summary>Reads the program and argument string a ProcessStartInfo ends up with, as set in its constructor, initializer or later on its local.</summary>
internal static class ProcessArguments
{
    private static readonly string[] Shells = { "cmd", "sh", "bash", "zsh", "dash", "ksh", "powershell", "pwsh" };

    public static (IOperation? File, IOperation? Arguments) Of(IObjectCreationOperation creation)
    {
        var file = InjectionParts.Argument(creation.Arguments, "fileName")?.Value;
        var arguments = InjectionParts.Argument(creation.Arguments, "arguments")?.Value;
        foreach (var (name, value) in TaintSources.Members(creation))
        {
            if (name == "FileName")
            {
                file = value;
            }
            else if (name == "Arguments")
            {
                arguments = value;
            }
        }

        return (file, arguments);
    }

    /// <summary>The shell's name when the constant program path names one.</summary>
    public static string? ShellName(IOperation file)
    {
        if (TaintSources.Resolve(file).ConstantValue is not { HasValue: true, Value: string path })
        {
            return null;
        }

        var name = path.Replace('\\', '/');
        name = name.Substring(name.LastIndexOf('/') + 1);
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - 4);
        }

        return Shells.Contains(name.ToLowerInvariant()) ? path : null;
    }
}
