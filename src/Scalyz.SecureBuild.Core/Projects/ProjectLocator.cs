using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
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
                _ => throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' is not a project (.csproj, .fsproj, .vbproj), a solution (.sln, .slnx) or a folder."),
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

        var projects = EnumerateProjects(full).Order(StringComparer.Ordinal).ToList();
        return projects.Count > 0
            ? projects
            : throw new InputFileException(DiagnosticCodes.InputNotFound, full, $"'{full}' holds no project or solution.");
    }

    /// <summary>The assets file restore writes for a project (obj/project.assets.json beside it).</summary>
    public static string AssetsFileOf(string projectFile) => Path.Combine(Path.GetDirectoryName(projectFile)!, "obj", "project.assets.json");

    private static IEnumerable<string> EnumerateProjects(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (ProjectExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in EnumerateProjects(child))
            {
                yield return file;
            }
        }
    }

    private static List<string> Existing(IEnumerable<string> relative, string solution)
    {
        var folder = Path.GetDirectoryName(solution)!;
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
