using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Writes the project's SBOM (CycloneDX 1.6 by default, CycloneDX 1.5 or SPDX 2.3 on request) from the restored NuGet
/// assets file and the nuspecs in the package folders: every package and project reference over every target framework.
/// </summary>
public sealed class WriteSbomTask : SecureBuildTask
{
    /// <summary>The NuGet assets file, normally $(ProjectAssetsFile) = obj/project.assets.json.</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>Where to write the SBOM ($(SecureBuildSbomPath)).</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>cyclonedx (= cyclonedx-1.6), cyclonedx-1.5 or spdx (= spdx-2.3); empty means cyclonedx.</summary>
    public string? Format { get; set; }

    /// <summary>A fixed timestamp (Unix seconds as in SOURCE_DATE_EPOCH, or ISO 8601) for byte-identical output; empty takes the current time.</summary>
    public string? Timestamp { get; set; }

    /// <summary>The author of the SBOM data ($(SecureBuildSbomAuthors)); several are separated by ';' or ','. Empty: the project's company, else its authors, else the tool.</summary>
    public string? Authors { get; set; }

    /// <summary>The project's $(Company): the supplier of the project's own component.</summary>
    public string? ProjectCompany { get; set; }

    /// <summary>The project's $(Authors): the authors of the project's own component.</summary>
    public string? ProjectAuthors { get; set; }

    /// <summary>The project's $(AssemblyName): the SDK's default for Company and Authors, which names nobody.</summary>
    public string? AssemblyName { get; set; }

    /// <summary>$(SecureBuildSbomProjectPurls): true gives the project's own components a pkg:nuget purl too.</summary>
    public bool ProjectPurls { get; set; }

    /// <summary>The project's $(RuntimeIdentifier): when set, the SBOM describes that runtime's (publish) graph.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>The project's $(OutputType); Exe and WinExe make the root component an application.</summary>
    public string? OutputType { get; set; }

    /// <summary>The file written (empty when the task failed).</summary>
    [Output]
    public string? WrittenFile { get; private set; }

    protected override void ExecuteCore()
    {
        var format = SbomWriter.ParseFormat(Format);
        if (format is null)
        {
            LogError(DiagnosticCodes.SbomSettingInvalid, null, 0, $"SecureBuildSbomFormat '{Format}' is not known; use one of {string.Join(", ", SbomWriter.FormatNames)}.");
            return;
        }

        DateTimeOffset? timestamp;
        try
        {
            timestamp = SbomOptions.ParseTimestamp(Timestamp);
        }
        catch (FormatException e)
        {
            LogError(DiagnosticCodes.SbomSettingInvalid, null, 0, $"SecureBuildSbomTimestamp (or SOURCE_DATE_EPOCH): {e.Message}");
            return;
        }

        var graph = AssetsFileReader.Read(AssetsFile);
        var options = new SbomOptions
        {
            Timestamp = timestamp,
            Authors = (Authors ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RuntimeIdentifier = string.IsNullOrWhiteSpace(RuntimeIdentifier) ? null : RuntimeIdentifier,
            RootOwner = ProjectOwner.FromMsBuild(ProjectCompany, ProjectAuthors, AssemblyName),
            ProjectPurls = ProjectPurls,
            IsApplication = OutputType is not null && (OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || OutputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase)),
        };
        var document = SbomBuilder.Build(graph, options);
        foreach (var warning in document.Warnings)
        {
            LogWarning(warning.Code, warning.File, 0, warning.Message);
        }

        var changed = AtomicFile.WriteAllBytes(OutputFile, SbomWriter.Write(document, format.Value));
        Log.LogMessage(MessageImportance.Low, $"SecureBuild: SBOM with {document.Components.Count} components {(changed ? "written to" : "unchanged in")} {OutputFile}.");
        WrittenFile = OutputFile;
    }
}
