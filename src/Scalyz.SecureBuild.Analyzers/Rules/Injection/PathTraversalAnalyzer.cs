using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>Request data (a query value, an uploaded file's name, an action parameter) joined into a path that a file API opens.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PathTraversalAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.PathTraversal, "File path built from request data",
        "The path passed to {0} is built from request data, so '../' can reach any file; keep only Path.GetFileName of the input or check that the full path stays under the base folder",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PathTraversal));

    private static readonly string[] FileTypes =
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.StreamReader", "System.IO.StreamWriter",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(c => Check(c, ((IInvocationOperation)c.Operation).TargetMethod, ((IInvocationOperation)c.Operation).Arguments), OperationKind.Invocation);
        context.RegisterOperationAction(c => Check(c, ((IObjectCreationOperation)c.Operation).Constructor, ((IObjectCreationOperation)c.Operation).Arguments), OperationKind.ObjectCreation);
    }

    private static void Check(OperationAnalysisContext context, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (method is null || !IsFileApi(method))
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                && parameter.Name is "path" or "fileName" or "sourceFileName" or "destFileName" or "physicalPath" or "sourceDirName" or "destDirName"
                && FromRequest(argument.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), method.ContainingType.Name + "." + (method.MethodKind == MethodKind.Constructor ? "ctor" : method.Name)));
            }
        }
    }

    private static bool IsFileApi(IMethodSymbol method)
    {
        var type = method.ContainingType?.ToDisplayString() ?? string.Empty;
        if (Array.IndexOf(FileTypes, type) >= 0)
        {
            return true;
        }

        // ASP.NET Core sends a file from disk by path.
        return method.Name is "PhysicalFile" && type.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
    }

    private static bool FromRequest(IOperation value)
    {
        var resolved = TaintSources.Resolve(value);
        if (resolved is IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" } } combine)
        {
            return combine.Arguments.SelectMany(CollectionValues.ArgumentValues).Any(TaintSources.IsRequestData);
        }

        return TaintSources.IsRequestData(resolved);
    }
}
