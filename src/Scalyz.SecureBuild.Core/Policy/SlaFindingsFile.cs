using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>
/// The findings handed to the deadline check (by the audit, or by CI through <c>securebuild sla record</c>): a JSON object
/// <c>{"findings": [{"advisory", "aliases", "package", "version", "project", "severity", "published", "fixedIn", "summary"}]}</c>,
/// documented in src/docs/sla.md. Problems are <see cref="InputFileException"/> (SSB0306) naming the line and field.
/// </summary>
public static class SlaFindingsFile
{
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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw InputFileException.FromJson(DiagnosticCodes.SlaFindingsInvalid, path, "a findings file", e);
        }

        using (document)
        {
            var r = new FieldReader(path, JsonLineMap.Build(bytes), DiagnosticCodes.SlaFindingsInvalid, "the findings file");
            r.Expect(document.RootElement, JsonValueKind.Object, string.Empty, "an object with a 'findings' array");
            return r.Array(document.RootElement, "findings", (r, e, f) => new SlaFinding(
                r.String(e, f, "advisory"), r.StringArray(e, f, "aliases"), r.String(e, f, "package"), r.String(e, f, "version"),
                r.String(e, f, "project"), r.Severity(e, f, "severity"), r.Time(e, f, "published"), r.OptionalString(e, f, "fixedIn"),
                r.OptionalString(e, f, "summary")));
        }
    }
}
