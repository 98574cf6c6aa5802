using System.Runtime.InteropServices;
using System.Text;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>Writes files so that a reader never sees a half-written file and an unchanged file keeps its timestamp.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 (no BOM). Returns false when the file already held exactly this content.</summary>
    public static bool WriteAllText(string path, string content) => WriteAllBytes(path, Utf8NoBom.GetBytes(content));

    /// <summary>Writes <paramref name="content"/> through a temporary file in the same folder and a rename.</summary>
    /// <returns>False when the file already held exactly these bytes (it is then left untouched, so incremental builds stay incremental).</returns>
    /// <exception cref="InputFileException">SSB0004: the path is a folder, below a file, or cannot be written.</exception>
    public static bool WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        OutputPath.Validate(path);
        var fullPath = Path.GetFullPath(path);
        string? temporary = null;
        try
        {
            if (File.Exists(fullPath) && new FileInfo(fullPath).Length == content.Length && content.SequenceEqual(File.ReadAllBytes(fullPath)))
            {
                return false;
            }

            var directory = Path.GetDirectoryName(fullPath)!;
            Directory.CreateDirectory(directory);
            // The temporary name is unique per writer, so parallel builds writing the same file never share one.
            temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            lock (Pending)
            {
                Pending.Add(temporary);
            }

            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(content);
                PauseForTests();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputPath.Problem(fullPath, e.Message.TrimEnd('.'), e);
        }
        finally
        {
            if (temporary is not null)
            {
                DeleteQuietly(temporary);
                lock (Pending)
                {
                    Pending.Remove(temporary);
                }
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files of writes still in progress when the process gets SIGINT or SIGTERM (Ctrl+C, a CI
    /// job cancelled), so no half-written <c>.*.tmp</c> is left next to a ledger in the repository. The process then
    /// ends as it would have. Call once at the start of a command-line program.
    /// </summary>
    public static void CleanUpOnSignals()
    {
        lock (Pending)
        {
            if (_registrations.Count > 0)
            {
                return;
            }

            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, _ => DeletePending()));
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeletePending();
    }

    private static readonly HashSet<string> Pending = new(StringComparer.Ordinal);
    private static readonly List<PosixSignalRegistration> _registrations = [];

    private static void DeletePending()
    {
        string[] files;
        lock (Pending)
        {
            files = [.. Pending];
        }

        foreach (var file in files)
        {
            DeleteQuietly(file);
        }
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write already failed or the process is ending.
        }
    }

    // Lets a test interrupt a write at the worst moment (the temporary file exists, the rename has not happened).
    private static void PauseForTests()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("SECUREBUILD_TEST_WRITE_PAUSE_MS"), out var milliseconds) && milliseconds > 0)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
