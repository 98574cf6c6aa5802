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
    public static bool WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath) && new FileInfo(fullPath).Length == content.Length && content.SequenceEqual(File.ReadAllBytes(fullPath)))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        // The temporary name is unique per writer, so parallel builds writing the same file never share one.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
