namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>
/// Finds where a property or item is written, for file-and-line evidence: in the project file and the
/// Directory.Build.props / Directory.Build.targets files above it (MSBuild hands tasks values, not locations). The last
/// definition wins, as in MSBuild; a value set on the command line or by the SDK has no location.
/// </summary>
internal sealed class MSBuildSettingLocator
{
    private readonly List<(string File, string[] Lines)> _files = [];

    public MSBuildSettingLocator(string projectFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile));
        var props = Above(directory, "Directory.Build.props");
        var targets = Above(directory, "Directory.Build.targets");
        foreach (var file in new[] { props, Path.GetFullPath(projectFile), targets }.OfType<string>())
        {
            try
            {
                _files.Add((file, File.ReadAllLines(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No location then; the value itself is still collected.
            }
        }
    }

    /// <summary>The last line that sets <paramref name="property"/> (to a value holding <paramref name="containing"/> when given).</summary>
    public (string? File, int Line) FindProperty(string property, string? containing) =>
        Find(line => line.Contains($"<{property}>", StringComparison.OrdinalIgnoreCase) || line.Contains($"<{property} ", StringComparison.OrdinalIgnoreCase),
            containing);

    /// <summary>The last line that includes <paramref name="id"/> as a <paramref name="itemType"/> item.</summary>
    public (string? File, int Line) FindItem(string itemType, string id) =>
        Find(line => line.Contains($"<{itemType} ", StringComparison.OrdinalIgnoreCase), id);

    private (string? File, int Line) Find(Func<string, bool> matches, string? containing)
    {
        (string? File, int Line) found = (null, 0);
        foreach (var (file, lines) in _files)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (matches(lines[i]) && (containing is null || lines[i].Contains(containing, StringComparison.OrdinalIgnoreCase)))
                {
                    found = (file, i + 1);
                }
            }
        }

        return found;
    }

    private static string? Above(string? directory, string name)
    {
        for (var d = directory is null ? null : new DirectoryInfo(directory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
