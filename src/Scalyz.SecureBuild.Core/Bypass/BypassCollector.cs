using System.Globalization;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>A <c>SecureBuildSuppress</c> item as the build hands it over.</summary>
public sealed record SuppressItemInput(string AdvisoryId, string? Justification, string? Until);

/// <summary>What the build knows about a project that can weaken the package's protections.</summary>
/// <param name="ProjectName">The project name.</param>
/// <param name="ProjectFile">The project file (its folder is what item paths are relative to).</param>
/// <param name="SourceFiles">The C# files compiled (Compile items).</param>
/// <param name="ConfigFiles">Analyzer config files the build lists (EditorConfigFiles, GlobalAnalyzerConfigFiles); more are discovered above the sources.</param>
/// <param name="Properties">The MSBuild properties by name (the switches, NoWarn, WarningsNotAsErrors, MSBuildWarningsAsMessages).</param>
/// <param name="Suppressions">The SecureBuildSuppress items.</param>
/// <param name="Today">The build's date, for expired suppressions.</param>
/// <param name="DefaultAdvisorySources">The package's default advisory sources, which are never a bypass by themselves.</param>
public sealed record BypassInputs(
    string ProjectName,
    string ProjectFile,
    IReadOnlyList<string> SourceFiles,
    IReadOnlyList<string> ConfigFiles,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<SuppressItemInput> Suppressions,
    DateOnly Today,
    string DefaultAdvisorySources = "nuget;embedded");

/// <summary>
/// Collects every weakening of the package's protections in one project: SSB rule suppressions in source, analyzer
/// config and code lists, switches turned off or levels weakened, and advisory suppressions. Cheap by design: each
/// source file is read once and skipped after one search when it mentions neither "pragma" nor "SSB".
/// </summary>
public static class BypassCollector
{
    /// <summary>Advisory sources that bring current data; a set without any of them audits against a dated snapshot only.</summary>
    public static IReadOnlyList<string> CurrentAdvisorySources { get; } = ["nuget", "osv-api", "osv-dump"];

    private static readonly (string Property, string Off)[] OnOffSwitches =
    [
        ("SecureBuildEnabled", "false"),
        ("SecureBuildAudit", "false"),
        ("SecureBuildSla", "false"),
        ("RunAnalyzers", "false"),
        ("RunAnalyzersDuringBuild", "false"),
    ];

    /// <summary>The properties the collection reads; the build passes each by name.</summary>
    public static IReadOnlyList<string> PropertyNames { get; } =
    [
        .. OnOffSwitches.Select(s => s.Property), "SecureBuildAuditLevel", "SecureBuildAuditFailLevel", "SecureBuildAuditMode",
        "SecureBuildAuditUnknownSeverity", "SecureBuildAdvisorySources", "NoWarn", "WarningsNotAsErrors", "MSBuildWarningsAsMessages",
    ];

    /// <summary>Collects the bypasses of one project, sorted by file, line, kind and target.</summary>
    public static BypassEvidence Collect(BypassInputs inputs)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(inputs.ProjectFile))!;
        var items = new List<BypassItem>();
        var sources = inputs.SourceFiles
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetFullPath(f, projectDirectory))
            .Distinct(StringComparer.Ordinal)
            .Where(File.Exists)
            .ToList();
        foreach (var source in sources)
        {
            items.AddRange(SourceBypassScanner.Scan(ReadText(source), Relative(projectDirectory, source)));
        }

        var directories = sources.Select(Path.GetDirectoryName).OfType<string>().Append(projectDirectory);
        foreach (var config in AnalyzerConfigBypassScanner.Discover(directories, inputs.ConfigFiles.Select(f => Path.GetFullPath(f, projectDirectory))))
        {
            var isGlobal = config.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase);
            items.AddRange(AnalyzerConfigBypassScanner.Scan(ReadText(config), Relative(projectDirectory, config), isGlobal));
        }

        var locator = new MSBuildSettingLocator(inputs.ProjectFile);
        items.AddRange(CodeLists(inputs.Properties, locator, projectDirectory));
        items.AddRange(Switches(inputs, locator, projectDirectory));
        items.AddRange(Suppressions(inputs, locator, projectDirectory));
        return new BypassEvidence(inputs.ProjectName, projectDirectory, Sort(items));
    }

    /// <summary>The stable order of the evidence: file, line, kind, target.</summary>
    public static IReadOnlyList<BypassItem> Sort(IEnumerable<BypassItem> items) =>
        items.Distinct()
            .OrderBy(i => i.File is null ? 1 : 0).ThenBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line)
            .ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Target, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<BypassItem> CodeLists(IReadOnlyDictionary<string, string> properties, MSBuildSettingLocator locator, string projectDirectory)
    {
        // The SDK copies NoWarn into MSBuildWarningsAsMessages, so a code is reported there only when NoWarn lacks it.
        var noWarn = Codes(properties, "NoWarn").ToHashSet(StringComparer.Ordinal);
        foreach (var (property, kind) in new[] { ("NoWarn", BypassKinds.NoWarn), ("WarningsNotAsErrors", BypassKinds.WarningsNotAsErrors), ("MSBuildWarningsAsMessages", BypassKinds.WarningsAsMessages) })
        {
            foreach (var code in Codes(properties, property).Where(c => kind != BypassKinds.WarningsAsMessages || !noWarn.Contains(c)))
            {
                var (file, line) = locator.FindProperty(property, code);
                yield return new BypassItem(kind, code, Relative(projectDirectory, file), line, false, null, $"{property} includes {code}");
            }
        }
    }

    private static IEnumerable<string> Codes(IReadOnlyDictionary<string, string> properties, string property) =>
        Value(properties, property).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(SourceBypassScanner.IsRuleId).Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal);

    private static IEnumerable<BypassItem> Switches(BypassInputs inputs, MSBuildSettingLocator locator, string projectDirectory)
    {
        var properties = inputs.Properties;
        foreach (var (property, off) in OnOffSwitches)
        {
            if (Value(properties, property).Equals(off, StringComparison.OrdinalIgnoreCase))
            {
                yield return Switch(property, $"{property}={off}");
            }
        }

        foreach (var (property, byDefault, weaker) in new (string, string, Func<AdvisorySeverity, AdvisorySeverity, bool>)[]
        {
            ("SecureBuildAuditLevel", "low", (value, d) => value > d),
            ("SecureBuildAuditFailLevel", "critical", (value, d) => value > d),
            ("SecureBuildAuditUnknownSeverity", "high", (value, d) => value < d),
        })
        {
            var text = Value(properties, property);
            if (AdvisoryScore.ParseGrade(text) is { } value && weaker(value, AdvisoryScore.ParseGrade(byDefault)!.Value))
            {
                yield return Switch(property, $"{property}={text} (default {byDefault})");
            }
        }

        if (Value(properties, "SecureBuildAuditMode").Equals("direct", StringComparison.OrdinalIgnoreCase))
        {
            yield return Switch("SecureBuildAuditMode", "SecureBuildAuditMode=direct: transitive packages are not audited (default all)");
        }

        var sources = Value(properties, "SecureBuildAdvisorySources");
        var names = sources.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length > 0 && !names.Any(n => CurrentAdvisorySources.Contains(n, StringComparer.OrdinalIgnoreCase))
            && !SameSources(names, inputs.DefaultAdvisorySources))
        {
            yield return Switch("SecureBuildAdvisorySources", $"SecureBuildAdvisorySources={sources}: no current source ({string.Join(", ", CurrentAdvisorySources)}), only dated data");
        }

        BypassItem Switch(string property, string detail)
        {
            var (file, line) = locator.FindProperty(property, null);
            return new BypassItem(BypassKinds.Switch, property, Relative(projectDirectory, file), line, false, null, detail);
        }
    }

    private static IEnumerable<BypassItem> Suppressions(BypassInputs inputs, MSBuildSettingLocator locator, string projectDirectory)
    {
        foreach (var s in inputs.Suppressions)
        {
            var (file, line) = locator.FindItem("SecureBuildSuppress", s.AdvisoryId);
            var until = DateOnly.TryParseExact(s.Until?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
            var problems = new List<string>();
            if (!BypassReasons.IsWritten(s.Justification))
            {
                problems.Add("no written Justification");
            }

            if (until is null)
            {
                problems.Add(string.IsNullOrWhiteSpace(s.Until) ? "no Until date" : $"Until=\"{s.Until}\" is not a yyyy-MM-dd date");
            }
            else if (until < inputs.Today)
            {
                problems.Add($"expired on {until:yyyy-MM-dd}");
            }

            var detail = $"SecureBuildSuppress {s.AdvisoryId}" + (until is { } u ? $" until {u:yyyy-MM-dd}" : string.Empty)
                + (problems.Count > 0 ? ": " + string.Join(", ", problems) : string.Empty);
            yield return new BypassItem(BypassKinds.AuditSuppression, s.AdvisoryId, Relative(projectDirectory, file), line, problems.Count == 0,
                string.IsNullOrWhiteSpace(s.Justification) ? null : s.Justification.Trim(), detail);
        }
    }

    private static bool SameSources(string[] names, string defaults) =>
        names.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(
            defaults.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);

    private static string Value(IReadOnlyDictionary<string, string> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value.Trim() : string.Empty;

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IO.InputFileException(DiagnosticCodes.BypassInputUnreadable, path, $"SecureBuild cannot read '{path}' to look for suppressed rules: {e.Message}", inner: e);
        }
    }

    /// <summary>The path of <paramref name="file"/> relative to the project folder, with '/' separators.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(file))]
    public static string? Relative(string projectDirectory, string? file) =>
        file is null ? null : Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
}
