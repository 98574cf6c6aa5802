using System.CommandLine;
using Scalyz.SecureBuild.Cli.Commands;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Cli;

/// <summary>Builds the <c>securebuild</c> command tree and runs it with the given output writers.</summary>
public static class CliApp
{
    /// <summary>The root command with every verb.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("securebuild: dependency graph, SBOM, advisory audit, release gate and patch-deadline reports for .NET projects.")
        {
            DepsCommand.Create(),
            SbomCommand.Create(),
            SlaCommand.Create(),
            AuditCommand.Create(),
            DbCommand.Create(),
            GateCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; usage errors exit with <see cref="ExitCodes.UsageError"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parseResult = CreateRootCommand().Parse(args);
        // Exceptions come to the handler below, never to System.CommandLine's default one (which prints a stack trace).
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {InWords(parseError.Message)}");
            }

            error.WriteLine("Run 'securebuild --help' (or 'securebuild <command> --help') for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (InputFileException e)
        {
            error.WriteLine($"error {e.Code}: {e.Describe()}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error {DiagnosticCodes.InputNotFound}: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            // A bug: one line with what went wrong, no stack trace (it would show the build machine's source paths).
            error.WriteLine($"error {DiagnosticCodes.InternalError}: securebuild failed unexpectedly ({e.GetType().Name}: {OneLine(e.Message)}). Please report it.");
            return ExitCodes.InternalError;
        }
    }

    // System.CommandLine names the .NET type a value should convert to; users need it in words.
    private static string InWords(string message) => message
        .Replace("expected type 'System.Int32'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Int64'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Double'", "a number", StringComparison.Ordinal)
        .Replace("expected type 'System.Boolean'", "true or false", StringComparison.Ordinal)
        .Replace("expected type 'System.DateTimeOffset'", "a date and time (ISO 8601)", StringComparison.Ordinal);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
