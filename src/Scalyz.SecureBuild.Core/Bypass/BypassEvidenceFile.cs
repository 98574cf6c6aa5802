using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>
/// The build's bypass evidence, obj/securebuild/bypasses.json (documented in src/docs/bypass.md#evidence-file):
/// <c>{"schemaVersion": 1, "project", "projectDirectory", "bypasses": [{"kind", "target", "file", "line", "justified", "reason", "detail"}]}</c>.
/// </summary>
public static class BypassEvidenceFile
{
    /// <summary>The file name under the build's SecureBuild output folder.</summary>
    public const string FileName = "bypasses.json";

    /// <summary>The evidence file of a project built with the default output folder (PROJECT_DIR/obj/securebuild/bypasses.json).</summary>
    public static string DefaultPathOf(string projectFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(projectFile))!, "obj", "securebuild", FileName);

    /// <summary>Serializes <paramref name="evidence"/>, stable and without a clock, so an unchanged project rewrites nothing.</summary>
    public static byte[] Serialize(BypassEvidence evidence) => SbomJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 1);
        w.WriteString("project", evidence.Project);
        w.WriteString("projectDirectory", evidence.ProjectDirectory);
        w.WriteStartArray("bypasses");
        foreach (var item in evidence.Items)
        {
            w.WriteStartObject();
            WriteItem(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The fields of one bypass, the same in the evidence, the ledger, the gate's evidence and the SLA report.</summary>
    public static void WriteItem(Utf8JsonWriter w, BypassItem item)
    {
        w.WriteString("kind", item.Kind);
        w.WriteString("target", item.Target);
        w.WriteString("file", item.File);
        w.WriteNumber("line", item.Line);
        w.WriteBoolean("justified", item.Justified);
        w.WriteString("reason", item.Reason);
        w.WriteString("detail", item.Detail);
    }

    /// <summary>Reads an evidence file; a missing or bad one is an <see cref="InputFileException"/> with <paramref name="code"/>.</summary>
    public static BypassEvidence Read(string path, string code = DiagnosticCodes.GateBypassEvidenceMissing)
    {
        var bytes = InputFileException.ReadAllBytes(code, path, "bypass evidence file");
        return FieldReader.Read(bytes, path, code, "a bypass evidence file", "the bypass evidence", default, (r, root) =>
        {
            r.Expect(root, JsonValueKind.Object, string.Empty, "an object");
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                throw r.Error("schemaVersion", "must be 1");
            }

            var items = r.Array(root, "bypasses", (r, e, f) => new BypassItem(
                r.String(e, f, "kind"), r.String(e, f, "target"), r.OptionalString(e, f, "file"),
                r.Int(e, f, "line"), r.Bool(e, f, "justified"),
                r.OptionalString(e, f, "reason"), r.String(e, f, "detail")));
            return new BypassEvidence(r.String(root, string.Empty, "project"), r.String(root, string.Empty, "projectDirectory"), items);
        });
    }
}
