using System.Globalization;
using System.Net;
using System.Text;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Cli.Output;

/// <summary>
/// The SLA report as one self-contained HTML page (inline CSS and SVG, no script, no external resource), so it can be
/// mailed, archived as audit evidence or opened offline.
/// </summary>
internal static class SlaReportHtml
{
    private static readonly Dictionary<AdvisorySeverity, (string Dark, string Light)> Colours = new()
    {
        [AdvisorySeverity.Critical] = ("#991b1b", "#f87171"),
        [AdvisorySeverity.High] = ("#c2410c", "#fdba74"),
        [AdvisorySeverity.Moderate] = ("#a16207", "#fde047"),
        [AdvisorySeverity.Low] = ("#1d4ed8", "#93c5fd"),
        [AdvisorySeverity.Unknown] = ("#374151", "#d1d5db"),
    };

    public static string Render(SlaReport report)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Patch deadline report</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px 32px;color:#111827;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            .meta{color:#4b5563;font-size:13px;margin-bottom:16px}
            .cards{display:flex;gap:12px;flex-wrap:wrap}
            .card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 16px;min-width:96px}
            .card b{display:block;font-size:24px}.card span{font-size:12px;color:#4b5563;text-transform:uppercase;letter-spacing:.04em}
            .card.breached b{color:#b91c1c}.card.due-soon b{color:#b45309}.card.accepted b{color:#6d28d9}.card.fixed b{color:#15803d}
            table{border-collapse:collapse;font-size:13px;width:100%}
            th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left;vertical-align:top}
            td:not(:last-child){white-space:nowrap}
            th{background:#f9fafb;font-weight:600}
            .status{border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap}
            .s-breached{background:#fee2e2;color:#991b1b}.s-due-soon{background:#fef3c7;color:#92400e}.s-ok{background:#e5e7eb;color:#374151}
            .s-accepted{background:#ede9fe;color:#5b21b6}.s-fixed{background:#dcfce7;color:#166534}
            .none{color:#6b7280;font-size:13px}
            </style>
            </head>
            <body>
            <h1>Patch deadline report</h1>

            """);
        html.Append("<div class=\"meta\">As of ").Append(E(ScanMerge.Iso(report.AsOf))).Append(" &middot; ledger ").Append(E(report.Ledger))
            .Append(" &middot; ").Append(SlaReportRenderer.Plural(report.ProjectCount, "project")).Append("</div>\n<div class=\"cards\">\n");
        foreach (var status in new[] { DeadlineStatus.Breached, DeadlineStatus.DueSoon, DeadlineStatus.Ok, DeadlineStatus.Accepted, DeadlineStatus.Fixed })
        {
            var name = SlaReportRenderer.StatusName(status);
            html.Append("<div class=\"card ").Append(name).Append("\"><b>").Append(report.Count(status).ToString(CultureInfo.InvariantCulture))
                .Append("</b><span>").Append(name.Replace('-', ' ')).Append("</span></div>\n");
        }

        html.Append("</div>\n<h2>Open and overdue findings by severity and age</h2>\n");
        Chart(html, report);
        html.Append("<h2>Findings</h2>\n");
        Table(html, SlaReportRenderer.FindingHeaders, report.Findings.Select(r => (SlaReportRenderer.FindingCells(r), (string?)SlaReportRenderer.StatusName(r.Status))), statusColumn: 7);
        html.Append("<h2>Time to remediate (clock start to fix)</h2>\n");
        Table(html, SlaReportRenderer.RemediationHeaders, report.Remediation.Select(s => (SlaReportRenderer.RemediationCells(s), (string?)null)), statusColumn: -1);
        html.Append("<h2>Accepted risks</h2>\n");
        Table(html, SlaReportRenderer.AcceptanceHeaders, report.Acceptances.Select(a => (SlaReportRenderer.AcceptanceCells(a, report.AsOf), (string?)null)), statusColumn: -1);
        html.Append("<h2>").Append(E(SlaReportRenderer.BypassTitle)).Append("</h2>\n");
        Table(html, SlaReportRenderer.BypassHeaders, report.Bypasses.Select(b => (SlaReportRenderer.BypassCells(b, report.AsOf), (string?)(b.Item.Justified ? "accepted" : "breached"))), statusColumn: 4);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, string[] headers, IEnumerable<(IReadOnlyList<string> Cells, string? Status)> rows, int statusColumn)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
            return;
        }

        html.Append("<table>\n<tr>").Append(string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
        foreach (var (cells, status) in list)
        {
            html.Append("<tr>");
            for (var i = 0; i < cells.Count; i++)
            {
                html.Append(i == statusColumn ? $"<td><span class=\"status s-{status}\">{E(cells[i])}</span></td>" : $"<td>{E(cells[i])}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    // Grouped bars: one group per age bucket, one bar per severity; the bar is the open count, its dark lower part the overdue count.
    private static void Chart(StringBuilder html, SlaReport report)
    {
        const int Width = 800, Height = 300, Left = 44, Bottom = 40, Top = 16, Right = 180;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = Math.Max(1, report.Ages.Max(a => a.Open));
        var step = max <= 5 ? 1 : (int)Math.Ceiling(max / 5.0);
        // At least four gridlines, so a ledger with a few findings still reads as a chart.
        var top = Math.Max(4, (int)Math.Ceiling(max / (double)step) * step);
        var groupWidth = plotWidth / (double)SlaReport.Buckets.Count;
        var barWidth = (groupWidth - 24) / SlaReport.SeverityOrder.Count;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Open and overdue findings by severity and age\" font-family=\"system-ui,sans-serif\" font-size=\"11\">\n");
        for (var tick = 0; tick <= top; tick += step)
        {
            var y = Top + plotHeight - (plotHeight * tick / (double)top);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#e5e7eb\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"#4b5563\">{tick}</text>\n");
        }

        for (var g = 0; g < SlaReport.Buckets.Count; g++)
        {
            var bucket = SlaReport.Buckets[g];
            var x0 = Left + (g * groupWidth) + 12;
            for (var s = 0; s < SlaReport.SeverityOrder.Count; s++)
            {
                var severity = SlaReport.SeverityOrder[s];
                var cell = report.Ages.Single(a => a.Severity == severity && a.Bucket == bucket);
                var x = x0 + (s * barWidth);
                var openHeight = plotHeight * cell.Open / (double)top;
                var overdueHeight = plotHeight * cell.Overdue / (double)top;
                var (dark, light) = Colours[severity];
                var baseline = Top + plotHeight;
                var label = $"{severity.ToString().ToUpperInvariant()}, {bucket}: {cell.Open} open, {cell.Overdue} overdue";
                html.Append(CultureInfo.InvariantCulture, $"<g><title>{E(label)}</title>");
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 1:0.#}\" y=\"{baseline - openHeight:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{openHeight:0.#}\" fill=\"{light}\"/>");
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 1:0.#}\" y=\"{baseline - overdueHeight:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{overdueHeight:0.#}\" fill=\"{dark}\"/>");
                if (cell.Open > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2):0.#}\" y=\"{baseline - openHeight - 3:0.#}\" text-anchor=\"middle\" fill=\"#111827\">{cell.Open}</text>");
                }

                html.Append("</g>\n");
            }

            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (g * groupWidth) + (groupWidth / 2):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\" fill=\"#111827\">{E(bucket)}</text>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#6b7280\"/>\n");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 6}\" text-anchor=\"middle\" fill=\"#4b5563\">age since the clock started</text>\n");
        var legendX = Left + plotWidth + 20;
        for (var s = 0; s < SlaReport.SeverityOrder.Count; s++)
        {
            var severity = SlaReport.SeverityOrder[s];
            var (dark, light) = Colours[severity];
            var y = Top + 8 + (s * 22);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{y}\" width=\"10\" height=\"12\" fill=\"{dark}\"/><rect x=\"{legendX + 10}\" y=\"{y}\" width=\"10\" height=\"12\" fill=\"{light}\"/><text x=\"{legendX + 26}\" y=\"{y + 10}\" fill=\"#111827\">{severity.ToString().ToUpperInvariant()}</text>\n");
        }

        var noteY = Top + 8 + (SlaReport.SeverityOrder.Count * 22) + 10;
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX}\" y=\"{noteY}\" fill=\"#4b5563\">dark: overdue</text><text x=\"{legendX}\" y=\"{noteY + 16}\" fill=\"#4b5563\">light: open, not overdue</text>\n");
        html.Append("</svg>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
