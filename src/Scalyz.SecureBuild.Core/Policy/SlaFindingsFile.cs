using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>
/// The findings handed to the deadline check (by the audit, or by CI through <c>securebuild sla record</c>): a JSON object
/// <c>{"findings": [{"advisory", "aliases", "package", "version", "project", "severity", "published", "fixedIn", "summary"}]}</c>,
/// documented in src/docs/sla.md. Problems are <see cref="InputFileException"/> (SSB0306) naming the line and field.
/// </summary>
public static class SlaFindingsFile
{
    /// <summary>The findings file for <paramref name="findings"/>, sorted, in the format <see cref="Read"/> takes.</summary>
    public static byte[] Serialize(IEnumerable<SlaFinding> findings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("findings");
            foreach (var finding in findings.OrderBy(f => f.Key).ThenBy(f => f.PackageVersion, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                SlaFindingJson.Write(writer, finding);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads the findings file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<SlaFinding> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(DiagnosticCodes.SlaFindingsInvalid, path, $"The findings file '{path}' cannot be read: {e.Message}", inner: e);
        }

        return FieldReader.Read(bytes, path, DiagnosticCodes.SlaFindingsInvalid, "a findings file", "the findings file", default, (r, root) =>
        {
            r.Expect(root, JsonValueKind.Object, string.Empty, "an object with a 'findings' array");
            // audit.json also has a 'findings' array, but its projects are file paths: filed under them, the same
            // project would be tracked twice (by path and by name), so it is refused rather than half understood.
            if (root.TryGetProperty("schemaVersion", out _) && root.TryGetProperty("data", out _))
            {
                throw new InputFileException(
                    DiagnosticCodes.SlaFindingsInvalid,
                    path,
                    $"'{path}' is an audit report ('securebuild audit --format json'), not a findings file. Record the findings file the build writes (obj/securebuild/findings.json, see sla.md).");
            }

            return r.Array(root, "findings", (r, e, f) => SlaFindingJson.Read(r, e, f));
        });
    }
}
