using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Files;

/// <summary>
/// A file or folder made writable by every user: UnixFileMode with OtherWrite (File.SetUnixFileMode, Directory.CreateDirectory,
/// FileSystemInfo.UnixFileMode, FileStreamOptions.UnixCreateMode), a chmod P/Invoke with the other-write bit, or chmod run as a process.
/// </summary>
public sealed class WorldWritableFileAnalyzer : DiagnosticAnalyzer
{
    private const int OtherWrite = 2;

    private static readonly char[] Operators = { '+', '=' };
    private static readonly char[] OthersOrAll = { 'o', 'a' };

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.WorldWritableFile, "World-writable file permissions",
        "{0} lets every user on the machine write the file, so another account can replace or tamper with it; drop the other-write permission",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.WorldWritableFile));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Keyed: a UnixFileMode argument is one whose parameter's type is UnixFileMode or UnixFileMode?, and a ProcessStartInfo
        // is created as that type; IsUnixFileMode and AnalyzeProcess check the same names again.
        context.RegisterOperationActionForTypes(t => t.Name == "UnixFileMode" || t.SpecialType == SpecialType.System_Nullable_T, AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationActionForTypes(t => t.Name == "ProcessStartInfo", AnalyzeProcess, OperationKind.ObjectCreation);
    }

    private static void AnalyzeArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is { } parameter && IsUnixFileMode(parameter.Type) && WithOtherWrite(argument.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), "UnixFileMode.OtherWrite"));
        }
    }

    // A chmod P/Invoke's mode: every argument bound to a parameter of an extern chmod is an argument of a call to it, so the
    // call is checked (once per call) instead of every argument of the compilation.
    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "chmod" or "fchmod" or "fchmodat", IsExtern: true })
        {
            AnalyzeProcess(context);
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.ContainingSymbol is IMethodSymbol { IsExtern: true, Name: "chmod" or "fchmod" or "fchmodat" }
                && !(IsUnixFileMode(parameter.Type) && WithOtherWrite(argument.Value)) && parameter.Name.IndexOf("mode", StringComparison.OrdinalIgnoreCase) >= 0
                && TaintSources.Resolve(argument.Value).ConstantValue is { HasValue: true, Value: var raw } && raw is not null && (Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture) & OtherWrite) != 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), "chmod with mode " + Convert.ToString(Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture), 8)));
            }
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation property && IsUnixFileMode(property.Property.Type) && WithOtherWrite(assignment.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(), "UnixFileMode.OtherWrite"));
        }
    }

    private static void AnalyzeProcess(OperationAnalysisContext context)
    {
        IOperation? file = null;
        IOperation? arguments = null;
        switch (context.Operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "Start", ContainingType.Name: "Process" } } start:
                file = InjectionParts.Argument(start.Arguments, "fileName")?.Value;
                arguments = InjectionParts.Argument(start.Arguments, "arguments")?.Value;
                break;
            case IObjectCreationOperation { Type.Name: "ProcessStartInfo" } creation:
                (file, arguments) = ProcessArguments.Of(creation);
                break;
        }

        if (file is null || arguments is null
            || TaintSources.Resolve(file).ConstantValue is not { HasValue: true, Value: string program }
            || !(program == "chmod" || program.EndsWith("/chmod", StringComparison.Ordinal)))
        {
            return;
        }

        var text = TaintSources.ConstantPrefix(arguments);
        var mode = text?.Split(' ').FirstOrDefault(t => t.Length > 0 && t[0] != '-');
        if (mode is not null && GrantsOtherWrite(mode))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, arguments.Syntax.GetLocation(), "chmod " + mode));
        }
    }

    private static bool GrantsOtherWrite(string mode)
    {
        if (mode.Length is >= 3 and <= 4 && mode.All(c => c is >= '0' and <= '7'))
        {
            return ((mode[mode.Length - 1] - '0') & OtherWrite) != 0;
        }

        // Symbolic modes: o+w, a+w, ugo=rwx, ...
        return mode.Split(',').Any(clause =>
        {
            var op = clause.IndexOfAny(Operators);
            return op > 0 && clause.Substring(0, op).IndexOfAny(OthersOrAll) >= 0 && clause.Substring(op + 1).IndexOf('w') >= 0;
        });
    }

    private static bool IsUnixFileMode(ITypeSymbol? type)
    {
        // Called for every argument: the cached type name rules out almost all of them before anything else is asked.
        if (type?.Name is not ("UnixFileMode" or "Nullable"))
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type?.Name == "UnixFileMode" && type.HasFullName("System.IO.UnixFileMode");
    }

    private static bool WithOtherWrite(IOperation value) =>
        TaintSources.Resolve(value).ConstantValue is { HasValue: true, Value: int mode } && (mode & OtherWrite) != 0;
}
