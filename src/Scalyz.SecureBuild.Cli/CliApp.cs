using System.CommandLine;
using Scalyz.SecureBuild.Cli.Commands;

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
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run 'securebuild --help' (or 'securebuild <command> --help') for usage.");
            return ExitCodes.UsageError;
        }

        return parseResult.Invoke(configuration);
    }
}
