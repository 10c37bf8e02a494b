// The inline style sheet of report.html: system fonts, readable on screen and in print.
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1340px;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.banner{padding:10px 14px;border-radius:6px;margin:10px 0;border:2px solid}
.banner.bad{background:#fde8e8;border-color:#c0392b;color:#7a1d14}.banner.warn{background:#fff4dc;border-color:#d39e00;color:#5c4500}
.banner ul{margin:6px 0 0 18px;padding:0}
.verdict{font-size:20px;font-weight:700;display:inline-block;padding:4px 12px;border-radius:6px;margin:4px 0}
.verdict.pass{background:#e3f4e8;color:#14622e}.verdict.fail{background:#fde8e8;color:#a3231a}.verdict.none{background:#eee;color:#444}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px;margin:10px 0}
dl.figures div{background:#f6f7f9;border-radius:6px;padding:8px 10px}dl.figures dt{color:#555;font-size:12px}dl.figures dd{margin:2px 0 0;font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dl.facts dt{color:#555}dl.facts dd{margin:0;word-break:break-all}
.none{color:#777;font-style:italic}.intro{color:#444;max-width:900px}.note{color:#555;font-size:12px;margin:2px 0}
table{border-collapse:collapse;margin:10px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f2f3f5}
table.num td+td{text-align:right}tr.fail td{background:#fdecec}tr.fail td.result{color:#a3231a;font-weight:700}tr.pass td.result{color:#14622e}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:12px}
figure.chart{margin:8px 0;max-width:720px}figure.chart figcaption{font-weight:600;margin-bottom:2px}
svg{width:100%;height:auto;background:#fff}svg text{font-size:11px;fill:#333}svg .label{font-size:12px;fill:#222}
svg .grid{stroke:#e6e6e6}svg .axis,svg .tickmark{stroke:#555}svg .series{fill:none;stroke-width:1.8}
svg .mark{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:4 3}svg .mark-label{fill:#c0392b;font-weight:600}
svg .rule{stroke:#888;stroke-dasharray:2 3}svg .rule-label{fill:#666}
ul.legend{list-style:none;padding:0;margin:2px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}
.swatch{display:inline-block;width:18px;height:0;border-top:3px solid;vertical-align:middle;margin-right:5px}.swatch.dashed{border-top-style:dashed}
pre{background:#f6f7f9;padding:8px;overflow:auto;max-height:300px}
@media print{.grid{display:block}figure.chart{break-inside:avoid}}
`;
