using System.Diagnostics;
using System.Globalization;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Projects;
using Scalyz.SecureBuild.Core.Sbom;

// Usage:
//   dotnet run -c Release --project tests/Scalyz.SecureBuild.Benchmarks.Sbom -- PROJECT [--runs N]
//   dotnet run -c Release --project tests/Scalyz.SecureBuild.Benchmarks.Sbom -- --create DIR [--runs N]
// PROJECT must be restored. --create writes LargeGraph.csproj (300+ packages) into DIR, restores it and measures it.
// Both sides do the whole job a user waits for, in one process each run: the SBOM side reads the assets file and the
// nuspecs and writes CycloneDX 1.6 bytes; the SDK side is a `dotnet list package --include-transitive` process.
var arguments = args.ToList();
var runs = 5;
var runsAt = arguments.IndexOf("--runs");
if (runsAt >= 0)
{
    runs = int.Parse(arguments[runsAt + 1], CultureInfo.InvariantCulture);
    arguments.RemoveRange(runsAt, 2);
}

string project;
if (arguments is ["--create", var folder])
{
    Directory.CreateDirectory(folder);
    project = Path.Combine(Path.GetFullPath(folder), "LargeGraph.csproj");
    File.Copy(Path.Combine(AppContext.BaseDirectory, "LargeGraph.csproj.txt"), project, overwrite: true);
    var restore = Run("dotnet", ["restore", project, "-nr:false"]);
    if (restore.ExitCode != 0)
    {
        Console.Error.WriteLine(restore.Output);
        return 3;
    }
}
else if (arguments is [var path])
{
    project = ProjectLocator.FindProjects(path)[0];
}
else
{
    Console.Error.WriteLine("usage: PROJECT [--runs N] | --create DIR [--runs N]");
    return 2;
}

var assets = ProjectLocator.AssetsFileOf(project);
var graph = AssetsFileReader.Read(assets);
var entries = graph.Targets.Sum(t => t.Dependencies.Count(d => d.Kind == DependencyKind.Package));
Console.WriteLine($"{graph.Project.Name}: {graph.DistinctPackages().Count} distinct packages, {entries} resolved package entries over {graph.Targets.Count} target(s)");

var components = 0;
var sbomTimes = new List<double>();
// The first run pays JIT and a cold file cache, as the first build of the day does; it is reported on its own.
for (var i = 0; i <= runs; i++)
{
    var watch = Stopwatch.StartNew();
    var document = SbomBuilder.Build(AssetsFileReader.Read(assets), new SbomOptions { Timestamp = DateTimeOffset.UnixEpoch });
    var bytes = CycloneDxWriter.Write(document);
    watch.Stop();
    components = document.Components.Count;
    GC.KeepAlive(bytes);
    sbomTimes.Add(watch.Elapsed.TotalMilliseconds);
}

// Where the time goes, on a warm run: the assets file, the nuspecs and the graph, the JSON.
var phase = Stopwatch.StartNew();
var warmGraph = AssetsFileReader.Read(assets);
var readMs = phase.Elapsed.TotalMilliseconds;
phase.Restart();
var warmDocument = SbomBuilder.Build(warmGraph, new SbomOptions { Timestamp = DateTimeOffset.UnixEpoch });
var buildMs = phase.Elapsed.TotalMilliseconds;
phase.Restart();
GC.KeepAlive(CycloneDxWriter.Write(warmDocument));
var writeMs = phase.Elapsed.TotalMilliseconds;

var listTimes = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var list = Run("dotnet", ["list", project, "package", "--include-transitive"]);
    watch.Stop();
    if (list.ExitCode != 0)
    {
        Console.Error.WriteLine(list.Output);
        return 1;
    }

    listTimes.Add(watch.Elapsed.TotalMilliseconds);
}

var sbom = Median(sbomTimes.Skip(1));
var sdk = Median(listTimes);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SBOM (read assets + nuspecs, CycloneDX 1.6, {components} components): first run {sbomTimes[0]:F1} ms, median of {runs} {sbom:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  phases: assets file {readMs:F1} ms, graph + nuspecs {buildMs:F1} ms, CycloneDX JSON {writeMs:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dotnet list package --include-transitive: median of {runs} {sdk:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: SBOM is {sdk / sbom:F1}x faster (first run: {sdk / sbomTimes[0]:F1}x)"));
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static (int ExitCode, string Output) Run(string file, string[] arguments)
{
    var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }

    info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
    info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    using var process = Process.Start(info)!;
    var error = process.StandardError.ReadToEndAsync();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return (process.ExitCode, output + error.Result);
}
