using System.CommandLine;
using System.Text;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Cli.Output;

/// <summary>The --format and --output options every reporting command shares, and writing a result to either place.</summary>
public sealed class OutputOptions
{
    private readonly string[] _formats;

    public OutputOptions(params string[] formats)
    {
        _formats = formats;
        Format = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        Format.AcceptOnlyFromAmong(formats);
        OutputFile = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write the result to this file (atomically) instead of standard output.",
        };
    }

    public Option<string> Format { get; }

    public Option<FileInfo?> OutputFile { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(OutputFile);
    }

    /// <summary>The format the user chose, or the first one.</summary>
    public string FormatOf(ParseResult result) => result.GetValue(Format) ?? _formats[0];

    /// <summary>Writes <paramref name="content"/> to --output when given, else to the command's output.</summary>
    public void Write(ParseResult result, string content, TextWriter output)
    {
        var file = result.GetValue(OutputFile);
        if (file is null)
        {
            output.Write(content);
            return;
        }

        AtomicFile.WriteAllBytes(file.FullName, Encoding.UTF8.GetBytes(content));
    }
}
