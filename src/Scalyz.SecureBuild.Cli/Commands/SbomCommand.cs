using System.CommandLine;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary>
/// <c>securebuild sbom PATH</c>: the SBOM of a project, or of a solution or folder as one application (or one SBOM per
/// project), from the restored assets files, without running MSBuild or touching the network.
/// </summary>
public static class SbomCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A project file, a solution (.sln/.slnx/.slnf) or a folder (default: the current folder). Projects must be restored.",
            DefaultValueFactory = _ => ".",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = $"SBOM format: {string.Join(", ", SbomWriter.FormatNames)}.",
            DefaultValueFactory = _ => "cyclonedx",
        };
        format.AcceptOnlyFromAmong([.. SbomWriter.FormatNames]);
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write the SBOM to this file (atomically) instead of standard output. With --per-project: a folder for the files.",
        };
        var perProject = new Option<bool>("--per-project")
        {
            Description = "One SBOM per project, written to each project's obj/securebuild/ (or to --output), instead of one for the application.",
        };
        var includeTests = new Option<bool>("--include-tests")
        {
            Description = "Keep test projects (IsTestProject, MSTest.Sdk, or a Microsoft.NET.Test.Sdk reference); they are left out by default.",
        };
        var runtime = new Option<string?>("--runtime", "-r")
        {
            Description = "Describe the publish graph of this runtime identifier (the project must be restored for it).",
        };
        var timestamp = new Option<string?>("--timestamp")
        {
            Description = "Fixed timestamp (Unix seconds or ISO 8601) for byte-identical output; default SOURCE_DATE_EPOCH, then the current time.",
        };
        var author = new Option<string[]>("--author")
        {
            Description = "The author of the SBOM data (person or organization); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--app-name")
        {
            Description = "Name of the application an aggregated SBOM describes (default: the solution or folder name).",
        };
        var version = new Option<string?>("--app-version")
        {
            Description = "Version of that application (default: the projects' common version).",
        };
        var projectPurls = new Option<bool>("--project-purls")
        {
            Description = "Give the solution's own projects a pkg:nuget package URL too (only for projects published as NuGet packages).",
        };
        var skipUnrestored = new Option<bool>("--skip-unrestored")
        {
            Description = "Leave out projects that are not restored (named in the SBOM as left out) instead of failing.",
        };
        var command = new Command("sbom", "Write a CycloneDX 1.6 (or 1.5, or SPDX 2.3) SBOM: packages with hashes and licenses, project references and the full dependency graph.")
        {
            path, format, output, perProject, includeTests, runtime, timestamp, author, name, version, projectPurls, skipUnrestored,
        };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            DateTimeOffset? fixedTime;
            try
            {
                fixedTime = SbomOptions.ParseTimestamp(result.GetValue(timestamp) ?? Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            }
            catch (FormatException e)
            {
                stderr.WriteLine($"error: --timestamp (or SOURCE_DATE_EPOCH): {e.Message}");
                return ExitCodes.UsageError;
            }

            try
            {
                var target = result.GetValue(path)!;
                var (restored, unrestored) = ProjectLocator.ReadRestored(ProjectLocator.FindProjects(target), result.GetValue(skipUnrestored), "--skip-unrestored");
                foreach (var left in unrestored)
                {
                    stderr.WriteLine($"warning {DiagnosticCodes.AssetsFileMissing}: {left}: not restored, left out of the SBOM (--skip-unrestored).");
                }

                var leftOut = unrestored.Select(p => Path.GetFileNameWithoutExtension(p)).ToList();
                var projects = restored
                    .Select(p => (p.File, p.Graph, Facts: ProjectFileFacts.Read(p.File, p.Graph)))
                    .ToList();
                // A project named on its own is described even when it is a test project: the user asked for it.
                var namedProject = File.Exists(target) && projects.Count == 1 && string.Equals(Path.GetFullPath(target), projects[0].File, StringComparison.Ordinal);
                var kept = result.GetValue(includeTests) || namedProject ? projects : projects.Where(p => !p.Facts.IsTestProject).ToList();
                if (kept.Count == 0)
                {
                    stderr.WriteLine($"error: '{target}' holds only test projects; pass --include-tests to describe them.");
                    return ExitCodes.BadInput;
                }

                var sbomFormat = SbomWriter.ParseFormat(result.GetValue(format))!.Value;
                var options = new SbomOptions
                {
                    Timestamp = fixedTime,
                    Authors = result.GetValue(author) ?? [],
                    RuntimeIdentifier = result.GetValue(runtime),
                    ProjectPurls = result.GetValue(projectPurls),
                };
                var outputFile = result.GetValue(output);
                if (result.GetValue(perProject))
                {
                    foreach (var (file, graph, facts) in kept)
                    {
                        var document = SbomBuilder.Build(graph, options with { IsApplication = facts.IsApplication, RootOwner = ProjectOwner.Read(file) }) with { LeftOutProjects = leftOut };
                        ReportWarnings(document, stderr);
                        var destination = outputFile is null
                            ? Path.Combine(Path.GetDirectoryName(file)!, "obj", "securebuild", SbomWriter.DefaultFileName(sbomFormat))
                            : Path.Combine(outputFile.FullName, $"{graph.Project.Name}.{SbomWriter.DefaultFileName(sbomFormat)["sbom.".Length..]}");
                        AtomicFile.WriteAllBytes(destination, SbomWriter.Write(document, sbomFormat));
                        stdout.WriteLine($"{graph.Project.Name}: {document.Components.Count} components -> {destination}");
                    }

                    return ExitCodes.Ok;
                }

                var single = kept.Count == 1 && result.GetValue(name) is null;
                var aggregate = single
                    ? SbomBuilder.Build(kept[0].Graph, options with { IsApplication = kept[0].Facts.IsApplication, RootOwner = ProjectOwner.Read(kept[0].File) })
                    : SbomBuilder.Build(
                        kept.Select(p => p.Graph).ToList(),
                        result.GetValue(name) ?? ApplicationName(target),
                        result.GetValue(version) ?? CommonVersion(kept.Select(p => p.Graph)),
                        options with { IsApplication = kept.Any(p => p.Facts.IsApplication), RootOwner = CommonOwner(kept.Select(p => p.File)) });
                aggregate = aggregate with { LeftOutProjects = leftOut };
                ReportWarnings(aggregate, stderr);
                var bytes = SbomWriter.Write(aggregate, sbomFormat);
                if (outputFile is null)
                {
                    stdout.Write(System.Text.Encoding.UTF8.GetString(bytes));
                }
                else
                {
                    AtomicFile.WriteAllBytes(outputFile.FullName, bytes);
                }

                return ExitCodes.Ok;
            }
            catch (InputFileException e)
            {
                stderr.WriteLine($"error {e.Code}: {e.Describe()}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    // The owner all projects declare, when they agree; otherwise none (the SBOM author then stands for the application).
    private static ProjectOwner? CommonOwner(IEnumerable<string> projectFiles)
    {
        var owners = projectFiles.Select(ProjectOwner.Read).ToList();
        return owners.All(o => o.Company == owners[0].Company && o.Authors.SequenceEqual(owners[0].Authors)) ? owners[0] : null;
    }

    private static void ReportWarnings(SbomDocument document, TextWriter stderr)
    {
        foreach (var warning in document.Warnings)
        {
            stderr.WriteLine($"warning {warning.Code}: {warning.File}: {warning.Message}");
        }
    }

    private static string ApplicationName(string target)
    {
        var full = Path.GetFullPath(target);
        return File.Exists(full) ? Path.GetFileNameWithoutExtension(full) : new DirectoryInfo(full).Name;
    }

    private static string CommonVersion(IEnumerable<DependencyGraph> graphs)
    {
        var versions = graphs.Select(g => g.Project.Version ?? "1.0.0").Distinct(StringComparer.Ordinal).ToList();
        return versions.Count == 1 ? versions[0] : "0.0.0";
    }
}
