using System.CommandLine;
using System.Text;
using Scalyz.SecureBuild.Cli.Output;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Projects;

namespace Scalyz.SecureBuild.Cli.Commands;

/// <summary><c>securebuild deps PATH</c>: the resolved dependency graph of a project, a solution or a folder.</summary>
public static class DepsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A project file, a solution (.sln/.slnx/.slnf) or a folder (default: the current folder). Projects must be restored.",
            DefaultValueFactory = _ => ".",
        };
        var output = new OutputOptions("table", "json");
        var command = new Command("deps", "Print the resolved dependency graph (every target framework, direct and transitive packages, project references) from the restored assets files.")
        {
            path,
        };
        output.AddTo(command);
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            try
            {
                var graphs = ProjectLocator.ReadRestored(ProjectLocator.FindProjects(result.GetValue(path)!), skipUnrestored: false, string.Empty)
                    .Restored.Select(p => p.Graph).ToList();
                var content = output.FormatOf(result) == "json"
                    ? Encoding.UTF8.GetString(DependencyGraphJson.Serialize(graphs))
                    : RenderTable(graphs);
                output.Write(result, content, stdout);
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

    internal static string RenderTable(IReadOnlyList<DependencyGraph> graphs)
    {
        var text = new StringBuilder();
        foreach (var graph in graphs)
        {
            foreach (var target in graph.Targets)
            {
                var packages = target.Dependencies.Count(d => d.Kind == DependencyKind.Package);
                var direct = target.Dependencies.Count(d => d.Kind == DependencyKind.Package && d.IsDirect);
                var projects = target.Dependencies.Count(d => d.Kind == DependencyKind.Project);
                text.Append($"{graph.Project.Name} [{target.Name}]: {packages} packages ({direct} direct, {packages - direct} transitive), {SlaReportRenderer.Plural(projects, "project reference")}\n\n");
                var table = new TextTable("Package", "Version", "Type", "Direct", "Requested");
                foreach (var d in target.Dependencies)
                {
                    table.AddRow(
                        d.Id,
                        d.Version,
                        d.Kind == DependencyKind.Project ? "project" : d.IsDevelopmentOnly ? "package (dev)" : "package",
                        d.IsDirect ? "yes" : "-",
                        d.RequestedRange ?? string.Empty);
                }

                if (table.RowCount > 0)
                {
                    text.Append(table).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
