using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Scalyz.SecureBuild.Analyzers.Hosting;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Rules.Injection;

/// <summary>SQL text assembled from non-constant parts reaching a command, an EF Core raw-SQL method or Dapper.</summary>
public sealed class SqlInjectionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SqlInjection, "SQL built from non-constant text",
        "SQL text passed to {0} is built by concatenation, interpolation or string.Format from non-constant values; pass the values as parameters",
        DiagnosticIds.Categories.InsecureApi, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SqlInjection));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var dbCommand = start.Compilation.GetTypeByMetadataName("System.Data.IDbCommand");
            var dataAdapter = start.Compilation.GetTypeByMetadataName("System.Data.IDbDataAdapter");
            if (dbCommand is not null)
            {
                // Keyed: CommandText of an IDbCommand, a command or adapter created; each checked again below.
                start.RegisterOperationActionForTypes(t => Implements(t, dbCommand), c => AnalyzeAssignment(c, dbCommand), OperationKind.SimpleAssignment);
            }

            if (dbCommand is not null || dataAdapter is not null)
            {
                start.RegisterOperationActionForTypes(t => Implements(t, dbCommand) || Implements(t, dataAdapter), c => AnalyzeCreation(c, dbCommand, dataAdapter), OperationKind.ObjectCreation);
            }

            // EF, EF Core and Dapper are found by namespace: without one of them there is no raw-SQL call to look at.
            if (HasRawSqlNamespace(start.Compilation.GlobalNamespace))
            {
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol dbCommand)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "CommandText" } property
            && Implements(property.Property.ContainingType, dbCommand))
        {
            Check(context, assignment.Value, property.Property.ContainingType.Name + ".CommandText");
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol? dbCommand, INamedTypeSymbol? dataAdapter)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        // The constructor's parameters first: AllInterfaces of every created type (List<T>, ...) is what cost here.
        if (!HasSqlTextParameter(creation.Arguments) || creation.Type is not INamedTypeSymbol type || !(Implements(type, dbCommand) || Implements(type, dataAdapter)))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (IsSqlTextParameter(argument.Parameter))
            {
                Check(context, argument.Value, "new " + type.Name);
            }
        }
    }

    private static bool HasSqlTextParameter(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (IsSqlTextParameter(argument.Parameter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSqlTextParameter(IParameterSymbol? parameter) =>
        parameter is { Name: "cmdText" or "commandText" or "selectCommandText" or "selectCommand" or "sql", Type.SpecialType: SpecialType.System_String };

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (invocation.Arguments.IsEmpty)
        {
            return;
        }

        // The method's name (a cached string) first; the namespace's text only for the few calls named like a sink.
        var isRawSql = method.Name is "FromSqlRaw" or "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "SqlQueryRaw" or "FromSql" or "ExecuteSqlCommand" or "ExecuteSqlCommandAsync" or "SqlQuery"
            && (method.ContainingNamespace?.ToDisplayString() ?? string.Empty) is var ns
            && (ns.StartsWith("Microsoft.EntityFrameworkCore", System.StringComparison.Ordinal) || ns.StartsWith("System.Data.Entity", System.StringComparison.Ordinal));
        var isDapper = !isRawSql && method.ContainingType?.Name == "SqlMapper" && method.ContainingNamespace?.ToDisplayString() == "Dapper";
        if (!isRawSql && !isDapper)
        {
            return;
        }

        var sql = InjectionParts.Argument(invocation.Arguments, "sql");
        if (sql is { Parameter.Type.SpecialType: SpecialType.System_String })
        {
            Check(context, sql.Value, method.Name);
        }
    }

    /// <summary>True when a namespace the raw-SQL sinks live in exists: Microsoft.EntityFrameworkCore*, System.Data.Entity*, Dapper.</summary>
    private static bool HasRawSqlNamespace(INamespaceSymbol global)
    {
        // Looked up by name: only the children of Microsoft and System.Data are listed, not every namespace.
        return Child(global, "Dapper") is not null
            || (Child(global, "Microsoft") is { } microsoft && HasMemberStartingWith(microsoft, "EntityFrameworkCore"))
            || (Child(global, "System") is { } system && Child(system, "Data") is { } data && HasMemberStartingWith(data, "Entity"));
    }

    private static INamespaceSymbol? Child(INamespaceSymbol parent, string name)
    {
        foreach (var member in parent.GetMembers(name))
        {
            if (member is INamespaceSymbol child)
            {
                return child;
            }
        }

        return null;
    }

    private static bool HasMemberStartingWith(INamespaceSymbol parent, string prefix)
    {
        foreach (var member in parent.GetNamespaceMembers())
        {
            if (member.Name.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(OperationAnalysisContext context, IOperation value, string sink)
    {
        if (TaintSources.IsBuiltFromNonConstant(value, InjectionParts.IsEscaped))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), sink));
        }
    }

    private static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol? contract) =>
        type is not null && contract is not null
        && (SymbolEqualityComparer.Default.Equals(type, contract) || type.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default));
}
