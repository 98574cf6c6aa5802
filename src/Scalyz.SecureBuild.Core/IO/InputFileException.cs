using System.Text.Json;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>
/// An input file (assets file, advisory record, policy, SBOM, ...) is missing or is not what it should be.
/// The message names the problem; <see cref="FilePath"/> and <see cref="Line"/> say where, so MSBuild and the CLI
/// can point at it instead of printing a stack trace.
/// </summary>
public sealed class InputFileException : Exception
{
    public InputFileException(string code, string filePath, string message, long? line = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The SSB diagnostic code to report.</summary>
    public string Code { get; }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line at fault, when known.</summary>
    public long? Line { get; }

    /// <summary>The message prefixed with the file and line, as a command-line tool prints it.</summary>
    public string Describe() => Line is { } line ? $"{FilePath}({line}): {Message}" : $"{FilePath}: {Message}";

    /// <summary>Reads a whole input file; a missing or unreadable one becomes an <see cref="InputFileException"/> with <paramref name="code"/>.</summary>
    /// <param name="code">The SSB code to report.</param>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the message ("patch policy file", "SBOM").</param>
    public static byte[] ReadAllBytes(string code, string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException(code, path, $"The {what} '{path}' does not exist.", inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(code, path, $"The {what} '{path}' cannot be read: {e.Message}", inner: e);
        }
    }

    /// <summary>Wraps a JSON syntax error with the file and the 1-based line it was found on.</summary>
    public static InputFileException FromJson(string code, string filePath, string what, JsonException exception)
    {
        var line = exception.LineNumber is { } zeroBased ? zeroBased + 1 : (long?)null;
        var position = exception.BytePositionInLine is { } column ? $", position {column + 1}" : string.Empty;
        var detail = line is null ? string.Empty : $" (line {line}{position})";
        return new InputFileException(code, filePath, $"'{filePath}' is not valid JSON{detail}, so it cannot be read as {what}.", line, exception);
    }
}
