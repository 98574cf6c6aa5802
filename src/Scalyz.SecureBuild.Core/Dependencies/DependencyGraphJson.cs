using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scalyz.SecureBuild.Core.Dependencies;

/// <summary>
/// Writes dependency graphs as the documented dependencies.json format (schema version 1, see src/docs/msbuild.md).
/// The output is sorted and carries no clock or machine path, so the same restore gives the same bytes.
/// </summary>
public static class DependencyGraphJson
{
    /// <summary>The format version written in every file.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One project's graph as a JSON document.</summary>
    public static byte[] Serialize(DependencyGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            WriteGraphBody(writer, graph);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Several projects' graphs as one JSON document (the CLI's output for a solution or folder).</summary>
    public static byte[] Serialize(IEnumerable<DependencyGraph> graphs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteStartArray("projects");
            foreach (var graph in graphs)
            {
                writer.WriteStartObject();
                WriteGraphBody(writer, graph);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteGraphBody(Utf8JsonWriter writer, DependencyGraph graph)
    {
        writer.WriteStartObject("project");
        writer.WriteString("name", graph.Project.Name);
        writer.WriteString("file", Path.GetFileName(graph.Project.Path));
        WriteOptional(writer, "version", graph.Project.Version);
        writer.WriteEndObject();

        writer.WriteStartArray("targets");
        foreach (var target in graph.Targets)
        {
            writer.WriteStartObject();
            writer.WriteString("framework", target.Framework);
            WriteOptional(writer, "runtimeIdentifier", target.RuntimeIdentifier);
            writer.WriteStartArray("dependencies");
            foreach (var dependency in target.Dependencies)
            {
                WriteDependency(writer, dependency);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDependency(Utf8JsonWriter writer, ResolvedDependency dependency)
    {
        writer.WriteStartObject();
        writer.WriteString("id", dependency.Id);
        writer.WriteString("version", dependency.Version);
        writer.WriteString("type", dependency.Kind == DependencyKind.Project ? "project" : "package");
        writer.WriteBoolean("direct", dependency.IsDirect);
        WriteOptional(writer, "requested", dependency.RequestedRange);
        if (dependency.IsDevelopmentOnly)
        {
            writer.WriteBoolean("developmentOnly", true);
        }

        if (dependency.IsAutoReferenced)
        {
            writer.WriteBoolean("autoReferenced", true);
        }

        WriteOptional(writer, "sha512", dependency.Sha512);
        WriteOptional(writer, "path", dependency.Path);
        writer.WriteStartArray("dependsOn");
        foreach (var edge in dependency.Dependencies)
        {
            writer.WriteStartObject();
            writer.WriteString("id", edge.Id);
            writer.WriteString("range", edge.VersionRange);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
