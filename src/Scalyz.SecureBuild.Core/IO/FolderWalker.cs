namespace Scalyz.SecureBuild.Core.IO;

/// <summary>
/// Walks a folder tree for the folder scans (deps, audit, sbom, db import) without following directory symlinks or
/// junctions: one <c>ln -s .. up</c> would otherwise make a scan visit the tree again and again (every project counted
/// many times, or a scan that never ends). A file reached twice (a file symlink, a hard-linked copy of the path) is
/// returned once, by its resolved path.
/// </summary>
public static class FolderWalker
{
    /// <summary>The files below <paramref name="root"/> whose name matches <paramref name="include"/>, sorted, each once.</summary>
    /// <param name="root">The folder to walk.</param>
    /// <param name="include">Which files to return (by full path).</param>
    /// <param name="skipFolder">Which folders not to enter (by folder name), e.g. bin and obj.</param>
    public static IReadOnlyList<string> Files(string root, Func<string, bool> include, Func<string, bool>? skipFolder = null)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root));
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (include(file))
                {
                    found.Add(Resolved(file));
                }
            }

            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                var info = new DirectoryInfo(child);
                if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint) || skipFolder?.Invoke(info.Name) == true)
                {
                    continue;
                }

                pending.Push(child);
            }
        }

        return [.. found];
    }

    // A file symlink counts as the file it points to, so the same project is not listed twice.
    private static string Resolved(string file)
    {
        var info = new FileInfo(file);
        return info.LinkTarget is null ? file : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file;
    }
}
