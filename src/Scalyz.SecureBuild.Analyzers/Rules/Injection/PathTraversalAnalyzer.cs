using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>Request data (a query value, an uploaded file's name, an action parameter) joined into a path that a file API opens.</summary>
public sealed class PathTraversalAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.PathTraversal, "File path built from request data",
        "The path passed to {0} is built from request data, so '../' can reach any file; keep only Path.GetFileName of the input or check that the full path stays under the base folder",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PathTraversal));

    private static readonly string[] FileTypeNames =
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.StreamReader", "System.IO.StreamWriter",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var fileTypes = FrameworkTypes.Resolve(start.Compilation, FileTypeNames);
            // Keyed on the called or created method's type: IsFileApi's test of it, kept per type.
            Func<INamedTypeSymbol, bool> isFileType = t => IsFileType(t, fileTypes);
            start.RegisterOperationActionForTypes(
                isFileType,
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    Check(c, invocation.TargetMethod, invocation.Arguments, fileTypes);
                },
                OperationKind.Invocation);
            if (!fileTypes.IsEmpty)
            {
                // Only FileStream, StreamReader and the other file types are constructed with a path.
                start.RegisterOperationActionForTypes(
                    isFileType,
                    c =>
                    {
                        var creation = (IObjectCreationOperation)c.Operation;
                        Check(c, creation.Constructor, creation.Arguments, fileTypes);
                    },
                    OperationKind.ObjectCreation);
            }
        });
    }

    private static void Check(OperationAnalysisContext context, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments, ImmutableArray<INamedTypeSymbol> fileTypes)
    {
        // The method's own parameters first (every argument binds to one of them): most calls have no path parameter, and
        // their containing type need not be compared with every file type.
        if (method is null || arguments.IsEmpty || !HasPathParameter(method) || !IsFileApi(method, fileTypes))
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && IsPathParameter(parameter) && FromRequest(argument.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), method.ContainingType.Name + "." + (method.MethodKind == MethodKind.Constructor ? "ctor" : method.Name)));
            }
        }
    }

    private static bool HasPathParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsPathParameter(parameter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPathParameter(IParameterSymbol parameter) =>
        parameter.Name is "path" or "fileName" or "sourceFileName" or "destFileName" or "physicalPath" or "sourceDirName" or "destDirName"
        && parameter.Type.SpecialType == SpecialType.System_String;

    private static bool IsFileApi(IMethodSymbol method, ImmutableArray<INamedTypeSymbol> fileTypes)
    {
        if (method.ContainingType.IsAny(fileTypes))
        {
            return true;
        }

        // ASP.NET Core sends a file from disk by path (ControllerBase.PhysicalFile, Results.File's PhysicalFile ...).
        return method.Name == "PhysicalFile" && InAspNetCore(method.ContainingType);
    }

    private static bool IsFileType(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> fileTypes) => type.IsAny(fileTypes) || InAspNetCore(type);

    private static bool InAspNetCore(INamedTypeSymbol? type) => (type?.ToDisplayString() ?? string.Empty).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);

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
