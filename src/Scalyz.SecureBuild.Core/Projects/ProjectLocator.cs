using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Projects;

/// <summary>Turns what a user names on the command line (a project, a solution or a folder) into project files.</summary>
public static partial class ProjectLocator
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".vs"];

    /// <summary>The full paths of the project files <paramref name="path"/> stands for, sorted.</summary>
    /// <exception cref="InputFileException">The path does not exist, is of an unknown kind, or holds no project.</exception>
    public static IReadOnlyList<string> FindProjects(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = Path.GetExtension(full).ToLowerInvariant();
            if (ProjectExtensions.Contains(extension))
            {
                return [full];
            }

            return extension switch
            {
                ".sln" => Existing(ReadSln(full), full),
                ".slnx" => Existing(ReadSlnx(full), full),
                ".slnf" => ReadSlnf(full),
                _ => throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' is not a project (.csproj, .fsproj, .vbproj), a solution (.sln, .slnx), a solution filter (.slnf) or a folder."),
            };
        }

        if (!Directory.Exists(full))
        {
            throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' does not exist.");
        }

        var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).Order(StringComparer.Ordinal).ToList();
        if (solutions.Count > 1)
        {
            throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' holds several solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}); name the one to use.");
        }

        if (solutions.Count == 1)
        {
            return FindProjects(solutions[0]);
        }

        var projects = EnumerateProjects(full);
        return projects.Count > 0
            ? projects
            : throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' holds no project or solution.");
    }

    /// <summary>
    /// The restored graphs of <paramref name="projects"/>. Projects without an assets file are an error that lists every
    /// one of them (not only the first) and says to run <c>dotnet restore</c>, unless <paramref name="skipUnrestored"/>:
    /// they are then left out and returned in <c>Unrestored</c>, so the caller can say (and record) what is missing.
    /// </summary>
    /// <exception cref="InputFileException">SSB0002 listing the unrestored projects; or an assets file that cannot be read.</exception>
    public static (IReadOnlyList<(string File, DependencyGraph Graph)> Restored, IReadOnlyList<string> Unrestored) ReadRestored(IReadOnlyList<string> projects, bool skipUnrestored, string skipOption)
    {
        var unrestored = projects.Where(p => !File.Exists(AssetsFileOf(p))).ToList();
        if (unrestored.Count > 0 && (!skipUnrestored || unrestored.Count == projects.Count))
        {
            var list = string.Join(", ", unrestored.Select(p => Path.GetFileName(p)));
            var hint = unrestored.Count < projects.Count ? $" Run 'dotnet restore' first, or pass {skipOption} to leave them out." : " Run 'dotnet restore' first.";
            throw new InputFileException(
                DiagnosticCodes.AssetsFileMissing,
                unrestored[0],
                $"{unrestored.Count} of {projects.Count} project(s) are not restored (no obj/project.assets.json): {list}.{hint}");
        }

        var restored = projects.Except(unrestored).Select(p => (p, AssetsFileReader.Read(AssetsFileOf(p)))).ToList();
        return (restored, unrestored);
    }

    /// <summary>The assets file restore writes for a project (obj/project.assets.json beside it).</summary>
    public static string AssetsFileOf(string projectFile) => Path.Combine(Path.GetDirectoryName(projectFile)!, "obj", "project.assets.json");

    // Directory symlinks are not followed (a link to a parent would list every project again), see FolderWalker.
    private static IReadOnlyList<string> EnumerateProjects(string folder) =>
        FolderWalker.Files(
            folder,
            file => ProjectExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()),
            name => SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase));

    private static List<string> Existing(IEnumerable<string> relative, string solution, string? named = null)
    {
        var folder = Path.GetDirectoryName(solution)!;
        solution = named ?? solution;
        var projects = new List<string>();
        foreach (var entry in relative)
        {
            var project = Path.GetFullPath(Path.Combine(folder, entry.Replace('\\', Path.DirectorySeparatorChar)));
            if (!File.Exists(project))
            {
                throw new InputFileException(DiagnosticCodes.SolutionInvalid, solution, $"The solution '{solution}' lists '{entry}', which does not exist.");
            }

            projects.Add(project);
        }

        return projects.Count > 0
            ? projects.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : throw new InputFileException(DiagnosticCodes.SolutionInvalid, solution, $"The solution '{solution}' lists no project.");
    }

    // Project("{type-guid}") = "Name", "relative\path.csproj", "{project-guid}"; solution folders have no project extension.
    [GeneratedRegex("""^Project\("\{[^}]*\}"\)\s*=\s*"[^"]*"\s*,\s*"(?<path>[^"]+)"\s*,""", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SlnProjectLine();

    private static List<string> ReadSln(string solution)
    {
        var text = File.ReadAllText(solution);
        return SlnProjectLine().Matches(text)
            .Select(m => m.Groups["path"].Value)
            .Where(p => ProjectExtensions.Contains(Path.GetExtension(p).ToLowerInvariant()))
            .ToList();
    }

    // A solution filter: {"solution": {"path": "X.sln", "projects": [...]}}, the projects relative to the solution's folder.
    private static List<string> ReadSlnf(string filter)
    {
        using var document = JsonInput.Parse(InputFileException.ReadAllBytes(DiagnosticCodes.SolutionInvalid, filter, "solution filter"), DiagnosticCodes.SolutionInvalid, filter, "a solution filter (.slnf)");
        var root = document.RootElement;
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object
            || !root.TryGetProperty("solution", out var solution) || solution.ValueKind != System.Text.Json.JsonValueKind.Object
            || !solution.TryGetProperty("path", out var path) || path.ValueKind != System.Text.Json.JsonValueKind.String
            || !solution.TryGetProperty("projects", out var projects) || projects.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            throw new InputFileException(DiagnosticCodes.SolutionInvalid, filter, $"The solution filter '{filter}' has no \"solution\" object with a \"path\" and a \"projects\" array.");
        }

        var solutionFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(filter)!, path.GetString()!.Replace('\\', Path.DirectorySeparatorChar)));
        var entries = projects.EnumerateArray().Where(p => p.ValueKind == System.Text.Json.JsonValueKind.String).Select(p => p.GetString()!).ToList();
        return Existing(entries, solutionFile, filter);
    }

    private static List<string> ReadSlnx(string solution)
    {
        try
        {
            var document = XDocument.Load(solution);
            return document.Descendants()
                .Where(e => e.Name.LocalName == "Project")
                .Select(e => (string?)e.Attribute("Path"))
                .OfType<string>()
                .Where(p => ProjectExtensions.Contains(Path.GetExtension(p).ToLowerInvariant()))
                .ToList();
        }
        catch (XmlException e)
        {
            throw new InputFileException(DiagnosticCodes.SolutionInvalid, solution, $"The solution '{solution}' is not valid XML (line {e.LineNumber}): {e.Message}", e.LineNumber);
        }
    }
}
