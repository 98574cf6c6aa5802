using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>The 246 real GitHub advisory records committed under src/Scalyz.SecureBuild/advisories/osv, read once.</summary>
internal static class RealRecords
{
    private static readonly Lazy<IReadOnlyList<OsvRecord>> Records = new(() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(OsvReader.ReadFile).ToList());

    private static readonly Lazy<AdvisoryIndex> LazyIndex = new(() => AdvisoryIndex.Build(All));

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "osv");

    public static IReadOnlyList<OsvRecord> All => Records.Value;

    public static AdvisoryIndex Index => LazyIndex.Value;

    public static OsvRecord Get(string id) => All.Single(r => r.Id == id);
}
