using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Reads the project's NuGet assets file and writes its resolved dependency graph (every target framework, direct and
/// transitive packages, project references) as dependencies.json.
/// </summary>
public sealed class WriteDependencyGraphTask : SecureBuildTask
{
    /// <summary>The NuGet assets file, normally $(ProjectAssetsFile) = obj/project.assets.json.</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>Where to write the graph, normally obj/securebuild/dependencies.json.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The file written (empty when the task failed).</summary>
    [Output]
    public string? WrittenFile { get; private set; }

    protected override void ExecuteCore()
    {
        var graph = AssetsFileReader.Read(AssetsFile);
        var changed = AtomicFile.WriteAllBytes(OutputFile, DependencyGraphJson.Serialize(graph));
        var packages = graph.DistinctPackages().Count;
        Log.LogMessage(MessageImportance.Low, $"SecureBuild: {packages} packages over {graph.Targets.Count} target(s) {(changed ? "written to" : "unchanged in")} {OutputFile}.");
        WrittenFile = OutputFile;
    }
}
