namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>How a protection was weakened; the names are what the evidence, the ledger and the gate policy use.</summary>
public static class BypassKinds
{
    /// <summary><c>#pragma warning disable SSBnnnn</c> (or a bare <c>#pragma warning disable</c>, which silences every rule).</summary>
    public const string Pragma = "pragma";

    /// <summary><c>[SuppressMessage("...", "SSBnnnn...")]</c>, also <c>[assembly: SuppressMessage(...)]</c>.</summary>
    public const string SuppressMessage = "suppress-message";

    /// <summary>An .editorconfig or .globalconfig severity of none, silent or suggestion reaching an SSB rule.</summary>
    public const string AnalyzerConfig = "analyzer-config";

    /// <summary><c>NoWarn</c> naming an SSB code.</summary>
    public const string NoWarn = "no-warn";

    /// <summary><c>WarningsNotAsErrors</c> naming an SSB code.</summary>
    public const string WarningsNotAsErrors = "warnings-not-as-errors";

    /// <summary><c>MSBuildWarningsAsMessages</c> naming an SSB code (a task warning shown as a message).</summary>
    public const string WarningsAsMessages = "warnings-as-messages";

    /// <summary>A SecureBuild or analyzer switch turned off or a level weakened (SecureBuildAudit=false, ...).</summary>
    public const string Switch = "switch";

    /// <summary>A <c>SecureBuildSuppress</c> item (an advisory suppressed in the audit).</summary>
    public const string AuditSuppression = "audit-suppression";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Pragma, SuppressMessage, AnalyzerConfig, NoWarn, WarningsNotAsErrors, WarningsAsMessages, Switch, AuditSuppression];
}

/// <summary>One weakening of the package's protections found in a project.</summary>
/// <param name="Kind">How (<see cref="BypassKinds"/>).</param>
/// <param name="Target">What is weakened: an SSB rule id, <c>SSB*</c> for every rule, <c>category-Security.X</c>, a switch (property) name or an advisory id.</param>
/// <param name="File">Where, relative to the project folder with '/' separators, or null when the build cannot tell.</param>
/// <param name="Line">The line in <paramref name="File"/> (1-based), or 0 when unknown.</param>
/// <param name="Justified">True when it carries a written reason the conventions accept (src/docs/bypass.md).</param>
/// <param name="Reason">The reason written with it, when there is one.</param>
/// <param name="Detail">What was found, as written (the pragma line, the setting, the property value).</param>
public sealed record BypassItem(string Kind, string Target, string? File, int Line, bool Justified, string? Reason, string Detail)
{
    /// <summary>"Program.cs(3)", "MyApp.csproj" or "(command line or SDK)": where to look, for messages.</summary>
    public string Location => File is null ? "(not in a project file: command line, environment or SDK)" : Line > 0 ? $"{File}({Line})" : File;

    /// <summary>Why it is unjustified, for messages: what would justify it.</summary>
    public string Remedy => Kind switch
    {
        BypassKinds.Pragma => "write the reason on the pragma's line (#pragma warning disable " + Target + " // why this is safe), or fix the code",
        BypassKinds.SuppressMessage => "give the attribute a Justification = \"why this is safe\", or fix the code",
        BypassKinds.AnalyzerConfig => "write the reason in a comment line right above the setting, or remove it",
        BypassKinds.AuditSuppression => "give the item a Justification and an Until date in the future (yyyy-MM-dd)",
        _ => "remove it, or have the gate policy allow it by name with a reason (allowedBypasses)",
    };
}

/// <summary>A project's bypasses as its build found them (obj/securebuild/bypasses.json).</summary>
/// <param name="Project">The project name (as the ledger names it).</param>
/// <param name="ProjectDirectory">The project folder the item files are relative to.</param>
/// <param name="Items">The bypasses, sorted by file, line, kind and target.</param>
public sealed record BypassEvidence(string Project, string ProjectDirectory, IReadOnlyList<BypassItem> Items);

/// <summary>The conventions for a written reason (src/docs/bypass.md#justification-conventions).</summary>
public static class BypassReasons
{
    private static readonly string[] Placeholders = ["<Pending>", "TODO", "FIXME", "HACK", "XXX", "tbd"];

    /// <summary>
    /// True when <paramref name="text"/> is a reason a reviewer can read: at least 8 characters with a letter, and not a
    /// placeholder (Visual Studio's "&lt;Pending&gt;", TODO, FIXME, HACK, XXX, TBD).
    /// </summary>
    public static bool IsWritten(string? text)
    {
        var reason = text?.Trim();
        return reason is { Length: >= 8 }
            && reason.Any(char.IsLetter)
            && !Placeholders.Any(p => reason.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}
