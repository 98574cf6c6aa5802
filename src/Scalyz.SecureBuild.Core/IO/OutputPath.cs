namespace Scalyz.SecureBuild.Core.IO;

/// <summary>
/// Checks a path the tool is about to write, so a careless <c>--output</c> (a folder, the child of a file, a read-only
/// place) is one clear SSB0004 error instead of an exception from deep inside a write.
/// </summary>
public static class OutputPath
{
    /// <summary>Throws an <see cref="InputFileException"/> (SSB0004) when <paramref name="path"/> cannot be a file the tool writes.</summary>
    public static void Validate(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw Problem(full, "it is a folder; name a file");
        }

        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw Problem(full, $"'{parent}' is a file, not a folder");
            }

            if (Directory.Exists(parent))
            {
                break;
            }
        }
    }

    /// <summary>The error for an output file that cannot be written.</summary>
    public static InputFileException Problem(string path, string why, Exception? inner = null) =>
        new(DiagnosticCodes.OutputNotWritable, path, $"cannot be written: {why}.", inner: inner);
}
