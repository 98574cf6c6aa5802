using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>
/// A process started with a command line that input can change (SecurityCodeScan SCS0001, CA3006, Sonar S2076): a shell
/// (cmd, sh, bash, PowerShell) with non-constant arguments; an argument string assembled from non-constant parts or read
/// from the request; or a program name that comes from a parameter, an object passed in or the request.
/// </summary>
public sealed class CommandInjectionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CommandInjection, "Process started with a non-constant command line",
        "{0}, so input can add options or commands; run a fixed program and pass each value through ProcessStartInfo.ArgumentList",
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

            // Keyed: Process.Start, a ProcessStartInfo created or one of its properties assigned; each checked again below.
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(process), c => AnalyzeStart(c, process), OperationKind.Invocation);
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(startInfo), c => AnalyzeStartInfo(c, startInfo), OperationKind.ObjectCreation);
            start.RegisterOperationActionForTypes(KeyedOperations.Exactly(startInfo), c => AnalyzeAssignment(c, startInfo), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeStart(OperationAnalysisContext context, INamedTypeSymbol process)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Start" || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, process))
        {
            return;
        }

        Check(context, InjectionParts.Argument(invocation.Arguments, "fileName")?.Value, InjectionParts.Argument(invocation.Arguments, "arguments")?.Value);
    }

    private static void AnalyzeStartInfo(OperationAnalysisContext context, INamedTypeSymbol startInfo)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (SymbolEqualityComparer.Default.Equals(creation.Type, startInfo) && creation.Arguments.Length > 0)
        {
            Check(context, InjectionParts.Argument(creation.Arguments, "fileName")?.Value, InjectionParts.Argument(creation.Arguments, "arguments")?.Value);
        }
    }

    // psi.Arguments = ..., p.StartInfo.FileName = ..., and the same in an object initializer.
    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol startInfo)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "FileName" or "Arguments" } property
            || !SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, startInfo))
        {
            return;
        }

        if (property.Property.Name == "FileName")
        {
            Check(context, assignment.Value, null);
        }
        else
        {
            Check(context, FileOf(property), assignment.Value);
        }
    }

    // The program set on the same ProcessStartInfo: the creation an initializer belongs to, or FileName set on the same object.
    private static IOperation? FileOf(IPropertyReferenceOperation arguments)
    {
        if (arguments.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            var creation = arguments.Parent;
            while (creation is not null and not IObjectCreationOperation)
            {
                creation = creation.Parent;
            }

            return creation is IObjectCreationOperation owner ? ProcessArguments.Of(owner).File : null;
        }

        if (arguments.Instance is { } instance)
        {
            if (ValueTracker.AssignmentsOnSameObject(instance, "FileName").FirstOrDefault() is { } fileAssignment)
            {
                return fileAssignment.Value;
            }

            if (TaintSources.Resolve(instance) is IObjectCreationOperation creation)
            {
                return InjectionParts.Argument(creation.Arguments, "fileName")?.Value;
            }
        }

        return null;
    }

    private static void Check(OperationAnalysisContext context, IOperation? file, IOperation? arguments)
    {
        if (file is not null && IsProgramFromInput(file))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, file.Syntax.GetLocation(), "The program to start comes from input"));
            return;
        }

        if (arguments is null || arguments.Type?.SpecialType != SpecialType.System_String || TaintSources.IsConstant(arguments))
        {
            return;
        }

        var shell = file is null ? null : ProcessArguments.ShellName(file);
        if (shell is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, arguments.Syntax.GetLocation(), $"The shell '{shell}' is started with non-constant arguments, which it interprets"));
        }
        else if (TaintSources.IsBuiltFromNonConstant(arguments, InjectionParts.IsEscaped) || TaintSources.IsRequestData(arguments))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, arguments.Syntax.GetLocation(), "The argument string is built from non-constant text"));
        }
    }

    // A parameter, a member of an object passed in, or request data; not a field or setting of the class itself.
    private static bool IsProgramFromInput(IOperation file)
    {
        if (file.Type?.SpecialType != SpecialType.System_String || TaintSources.IsConstant(file))
        {
            return false;
        }

        var value = TaintSources.Resolve(file);
        return value is IParameterReferenceOperation
            || value is IPropertyReferenceOperation { Instance: IParameterReferenceOperation }
            || TaintSources.IsBuiltFromNonConstant(value, InjectionParts.IsEscaped)
            || TaintSources.IsRequestData(value);
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
