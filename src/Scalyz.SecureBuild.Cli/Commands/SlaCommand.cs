using System.CommandLine;
using System.Globalization;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Ledger.PostgreSql;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild sla</c>: patch deadlines and the findings ledger (report, accept, history, record).</summary>
public static class SlaCommand
{
    public static Command Create() => new("sla", "Patch deadlines and the findings ledger (risk register): report, accept a risk, history, record findings.")
    {
        SlaReportCommand.Create(),
        SlaAcceptCommand.Create(),
        SlaHistoryCommand.Create(),
        SlaRecordCommand.Create(),
    };

    /// <summary>Runs <paramref name="action"/>, turning bad input into <c>error SSBnnnn: ...</c> and exit code 3, bad values into exit code 2.</summary>
    internal static int Run(ParseResult result, Func<TextWriter, TextWriter, int> action)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        try
        {
            return action(stdout, stderr);
        }
        catch (InputFileException e)
        {
            stderr.WriteLine($"error {e.Code}: {e.Describe()}");
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>Reads --policy, or the default policy when not given.</summary>
    internal static PatchPolicy PolicyOf(ParseResult result, Option<FileInfo?> policy) =>
        result.GetValue(policy) is { } file ? PolicyFile.Read(file.FullName) : PatchPolicy.Default;

    /// <summary>Parses an ISO 8601 date or time as UTC (a date alone means 00:00:00Z that day).</summary>
    internal static DateTimeOffset ParseTime(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUniversalTime()
            : throw new UsageException($"{option} '{text}' is not an ISO 8601 date or time (for example 2026-12-31 or 2026-12-31T18:00:00Z).");

    /// <summary>Values of a repeatable option that also takes comma-separated lists.</summary>
    internal static IReadOnlyList<string> ListOf(ParseResult result, Option<string[]> option) =>
        (result.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>A repeatable option taking one or more values.</summary>
    internal static Option<string[]> ListOption(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>A wrong option value found after parsing.</summary>
    internal sealed class UsageException(string message) : Exception(message);
}

/// <summary>The options that choose the ledger store, shared by every <c>sla</c> subcommand.</summary>
internal sealed class LedgerOptions
{
    /// <summary>The environment variable naming the ledger file when --ledger is not given.</summary>
    public const string PathVariable = "SECUREBUILD_LEDGER";

    /// <summary>The environment variable holding a PostgreSQL connection string when --ledger-connection-env is not given.</summary>
    public const string ConnectionVariable = "SECUREBUILD_LEDGER_CONNECTION";

    /// <summary>The default ledger file, relative to the current folder.</summary>
    public const string DefaultPath = "securebuild-ledger.json";

    public Option<string?> Path { get; } = new("--ledger")
    {
        Description = $"The ledger file (JSON, kept in the repository). Default: ${PathVariable}, else ./{DefaultPath} (unless ${ConnectionVariable} is set).",
    };

    public Option<string?> ConnectionEnv { get; } = new("--ledger-connection-env")
    {
        Description = $"Use the PostgreSQL ledger whose connection string is in this environment variable (default when set: ${ConnectionVariable}). The string itself is never accepted on the command line or printed.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Path);
        command.Options.Add(ConnectionEnv);
    }

    /// <summary>Opens the ledger for reading only: a ledger file that does not exist is an error, not an empty (all clear) ledger.</summary>
    public ILedgerStore OpenExisting(ParseResult result, TimeProvider clock)
    {
        var store = Open(result, clock);
        if (store is JsonFileLedgerStore file && !File.Exists(file.Path))
        {
            throw new InputFileException(DiagnosticCodes.InputNotFound, file.Path,
                $"The ledger file '{file.Path}' does not exist; record findings first (securebuild sla record) or name the ledger with --ledger.");
        }

        return store;
    }

    public ILedgerStore Open(ParseResult result, TimeProvider clock)
    {
        var path = result.GetValue(Path);
        var variable = result.GetValue(ConnectionEnv);
        if (path is not null && variable is not null)
        {
            throw new SlaCommand.UsageException("Give either --ledger or --ledger-connection-env, not both.");
        }

        if (path is null && (variable is not null || Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 }))
        {
            variable ??= ConnectionVariable;
            var connectionString = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InputFileException(DiagnosticCodes.LedgerDatabaseUnavailable, $"${variable}",
                    $"The environment variable {variable} that should hold the ledger's PostgreSQL connection string is not set.");
            }

            return new PostgreSqlLedgerStore(connectionString, clock);
        }

        return new JsonFileLedgerStore(path ?? Environment.GetEnvironmentVariable(PathVariable) ?? DefaultPath, clock);
    }
}
