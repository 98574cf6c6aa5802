using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Base of the SecureBuild tasks: turns the known failures of Core (bad input files, unwritable outputs) into
/// MSBuild errors with an SSB code, a file and a line, so no user ever sees a stack trace from a task.
/// </summary>
public abstract class SecureBuildTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The subcategory shown before the code in MSBuild's output.</summary>
    protected const string Subcategory = "SecureBuild";

    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (InputFileException e)
        {
            LogError(e.Code, e.FilePath, (int)(e.Line ?? 0), e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogError(DiagnosticCodes.OutputNotWritable, null, 0, $"SecureBuild could not write its output: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work; report problems through the Log* helpers or by throwing <see cref="InputFileException"/>.</summary>
    protected abstract void ExecuteCore();

    protected void LogError(string code, string? file, int line, string message) =>
        Log.LogError(Subcategory, code, null, DiagnosticCodes.HelpLink(code), file, line, 0, 0, 0, message);

    protected void LogWarning(string code, string? file, int line, string message) =>
        Log.LogWarning(Subcategory, code, null, DiagnosticCodes.HelpLink(code), file, line, 0, 0, 0, message);

    /// <summary>Logs a diagnostic at the given severity: "error", "warning" or "message" (shown at normal verbosity).</summary>
    protected void LogDiagnostic(string severity, string code, string? file, int line, string message)
    {
        switch (severity)
        {
            case "error":
                LogError(code, file, line, message);
                break;
            case "warning":
                LogWarning(code, file, line, message);
                break;
            default:
                Log.LogMessage(Subcategory, code, null, file, line, 0, 0, 0, MessageImportance.High, message);
                break;
        }
    }
}
