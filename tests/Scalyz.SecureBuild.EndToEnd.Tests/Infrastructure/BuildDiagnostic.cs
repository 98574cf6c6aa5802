using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>One error or warning as MSBuild's console logger prints it: file(line,col): [subcategory ]severity CODE: message [project].</summary>
public sealed partial record BuildDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message)
{
    [GeneratedRegex(@"^\s*(?<file>.*?)(\((?<line>\d+)(,(?<col>\d+))?(,\d+,\d+)?\))?\s*:\s*(?:(?<sub>[^:]*?)\s+)?(?<sev>error|warning)\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<msg>.*?)(\s+\[[^\]]+\])?\s*$")]
    private static partial Regex Pattern();

    /// <summary>Every distinct diagnostic in <paramref name="buildOutput"/> (the console logger may repeat them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string buildOutput) =>
        buildOutput.Split('\n')
            .Select(l => Pattern().Match(l.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                m.Groups["sev"].Value,
                m.Groups["code"].Value,
                m.Groups["msg"].Value))
            .Distinct()
            .ToList();

    public override string ToString() => $"{System.IO.Path.GetFileName(File)}({Line},{Column}): {Severity} {Code}: {Message}";
}
