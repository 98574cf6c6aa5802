using System.Text.Json.Nodes;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Core.Tests.Advisories;
using Scalyz.SecureBuild.Core.Tests.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

/// <summary>SBOMs written by the project's own SBOM code, hand-broken copies of them, and a gate run over them.</summary>
internal static class GateTestData
{
    // GHSA-rxg9-xrhp-64gj (CRITICAL, System.Drawing.Common 4.0.0 to 4.7.1) was published at this time.
    public static readonly DateTimeOffset CriticalPublished = new(2022, 5, 24, 17, 43, 19, TimeSpan.Zero);

    public static byte[] Own(SbomFormat format) => SbomWriter.Write(SbomBuilder.Build(SbomTestData.AppGraph(), SbomTestData.Options), format);

    public static ShippedSbom Parse(byte[] utf8) => ShippedSbom.Parse(utf8, "bom.json");

    /// <summary>The app's CycloneDX 1.6 SBOM after <paramref name="edit"/>.</summary>
    public static ShippedSbom Edited(Action<JsonObject> edit)
    {
        var bom = JsonNode.Parse(Own(SbomFormat.CycloneDx16))!.AsObject();
        edit(bom);
        return Parse(System.Text.Encoding.UTF8.GetBytes(bom.ToJsonString()));
    }

    public static JsonObject Component(JsonObject bom, string name) =>
        bom["components"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["name"] == name);

    /// <summary>A shipped SBOM with one NuGet package: everything the NTIA and hash checks want.</summary>
    public static ShippedSbom WithPackage(string id, string version, string? license = "MIT") => new(
        "bom.json",
        "CycloneDX 1.6",
        new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ["Contoso Release Engineering"],
        [new ShippedComponent($"pkg:nuget/{id}@{version}", id, version, $"pkg:nuget/{id}@{version}", "Microsoft", license, [new ComponentHash("SHA-512", new string('a', 128))], true)],
        "Contoso.App");

    public static AdvisoryLoadResult Data(DateTimeOffset dated) =>
        new(RealRecords.Index, [new AdvisoryDataInfo("embedded", "snapshot", dated, RealRecords.All.Count, null)], []);

    public static GateResult Run(
        ShippedSbom sbom, DateTimeOffset at, GatePolicy? policy = null, LedgerSnapshot? ledger = null, AdvisoryLoadResult? data = null, IReadOnlyList<DependencyGraph>? build = null) =>
        ReleaseGate.Evaluate(sbom, "4.2.0", "Contoso.App", policy ?? GatePolicy.Default, PatchPolicy.Default, data ?? Data(at.AddDays(-1)), ledger ?? LedgerSnapshot.Empty, new StoppedClock(at), build);
}
