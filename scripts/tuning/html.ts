/**
 * The tuning report as one self-contained HTML page: inline CSS and inline SVG charts (misses over
 * time, top clusters, per-intent miss rates), no script and no external resource, so it can be
 * attached to a ticket or opened from a CI artifact.
 * @module
 */
import type { TuningReport } from './analyze.js';
import { actionText } from './markdown.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const MISS = '#d1495b';
const HIT = '#66a182';

/** Stacked bars of hits and misses per bucket. Width 720 × height 200 px. */
export function timelineSvg(r: TuningReport): string {
  const pts = r.timeline.points;
  const w = 720;
  const h = 200;
  const pad = 30;
  if (!pts.length) return '<p>No turns in the window.</p>';
  const max = Math.max(1, ...pts.map((p) => p.hits + p.missed));
  const bw = (w - pad * 2) / pts.length;
  const bars = pts
    .map((p, i) => {
      const x = pad + i * bw;
      const hm = ((h - pad * 2) * p.missed) / max;
      const hh = ((h - pad * 2) * p.hits) / max;
      const title = `${p.start}: ${p.missed} missed, ${p.hits} hits`;
      return `<g><title>${escapeHtml(title)}</title><rect x="${x.toFixed(1)}" y="${(h - pad - hm).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${hm.toFixed(1)}" fill="${MISS}"/><rect x="${x.toFixed(1)}" y="${(h - pad - hm - hh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${hh.toFixed(1)}" fill="${HIT}" opacity="0.6"/></g>`;
    })
    .join('');
  const first = pts[0]!.start.slice(0, 16).replace('T', ' ');
  const last = pts[pts.length - 1]!.start.slice(0, 16).replace('T', ' ');
  return `<svg role="img" aria-label="Missed and understood turns over time" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${bars}<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#888"/><text x="${pad}" y="${h - 10}" font-size="11">${escapeHtml(first)}</text><text x="${w - pad}" y="${h - 10}" font-size="11" text-anchor="end">${escapeHtml(last)}</text><text x="${pad}" y="14" font-size="11">max ${max} turns per ${r.timeline.bucketHours} h</text><rect x="${w - 170}" y="4" width="10" height="10" fill="${MISS}"/><text x="${w - 156}" y="13" font-size="11">missed</text><rect x="${w - 100}" y="4" width="10" height="10" fill="${HIT}" opacity="0.6"/><text x="${w - 86}" y="13" font-size="11">understood</text></svg>`;
}

/** Horizontal bars: `rows` of [label, value, tooltip], value scaled to `max`. */
function barsSvg(rows: [string, number, string][], max: number, format: (v: number) => string, color: string, label: string): string {
  if (!rows.length) return '<p>Nothing to show.</p>';
  const w = 720;
  const rowH = 22;
  const left = 280;
  const h = rows.length * rowH + 8;
  const body = rows
    .map(([name, v, tip], i) => {
      const y = 4 + i * rowH;
      const bw = max > 0 ? ((w - left - 70) * v) / max : 0;
      const short = name.length > 42 ? `${name.slice(0, 41)}…` : name;
      return `<g><title>${escapeHtml(tip)}</title><text x="${left - 6}" y="${y + 15}" font-size="12" text-anchor="end">${escapeHtml(short)}</text><rect x="${left}" y="${y + 3}" width="${bw.toFixed(1)}" height="${rowH - 6}" fill="${color}"/><text x="${(left + bw + 4).toFixed(1)}" y="${y + 15}" font-size="12">${escapeHtml(format(v))}</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

/** The utterances `--apply` would add, per intent, and the candidate new intents. */
function suggestions(r: TuningReport): string {
  const e = escapeHtml;
  const byIntent = new Map<string, string[]>();
  for (const c of r.clusters) if (c.action.kind === 'add-to-intent') byIntent.set(c.action.intent, [...(byIntent.get(c.action.intent) ?? []), ...c.suggestedUtterances]);
  const items = [...byIntent].map(([intent, utts]) => `<li>add to <strong>${e(intent)}</strong>: ${utts.map((u) => `“${e(u)}”`).join(', ') || '(already in the definitions)'}</li>`);
  for (const c of r.clusters) {
    if (c.action.kind !== 'new-intent') continue;
    if (c.draft) items.push(`<li><strong>new intent ${e(c.draft.name)}</strong> (<code>${e(c.draft.file)}</code>${c.draft.ready ? '' : ', not ready'}): “${e(c.label)}” and ${c.distinct - 1} more phrasing(s), ${c.count} missed; ${c.draft.utterances.length} drafted utterances</li>`);
    else items.push(`<li>candidate <strong>new intent</strong>: “${e(c.label)}” (${c.count} missed)</li>`);
  }
  return items.length ? `<ul>${items.join('')}</ul><p><code>bots tune --apply</code> writes the utterances into the intent files, within the per-intent maximum.</p>` : '<p>None.</p>';
}

/**
 * Renders the report as a self-contained HTML page.
 * @example writeFileSync('tune.html', renderHtml(report))
 */
export function renderHtml(r: TuningReport): string {
  const e = escapeHtml;
  const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`);
  const top = r.clusters.slice(0, 15);
  const clusterChart = barsSvg(top.map((c) => [`#${c.id} ${c.label}`, c.count, `${c.count} missed: ${actionText(c).replace(/\*/g, '')}`]), Math.max(1, ...top.map((c) => c.count)), String, MISS, 'Top clusters by missed turns');
  const rated = r.intents.filter((i) => i.missRate !== undefined);
  const intentChart = barsSvg(rated.map((i) => [i.intent, i.missRate!, `${i.hits} hits, ${i.misses} misses`]), 1, (v) => pct(v), '#edae49', 'Miss rate per intent');
  const t = r.totals;
  const notes = r.notes.map((n) => `<li><strong>${e(n.source)}</strong>: ${e(n.message)}</li>`).join('');
  const rows = r.clusters
    .map(
      (c) =>
        `<tr><td>${c.id}</td><td class="n">${c.count}</td><td class="n">${c.sessions ?? 'n/a'}</td><td>${c.examples.map((x) => `“${e(x)}”`).join('<br>')}</td><td>${c.nearest ? `${e(c.nearest.intent)} (${c.nearest.confidence.toFixed(2)})` : '-'}</td><td>${c.runnerUp ? `${e(c.runnerUp.intent)} (${c.runnerUp.confidence.toFixed(2)})${c.ambiguous ? ' ⚠' : ''}` : '-'}</td><td>${actionText(c).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}${c.variants ? `<br><small>${c.variants} variant(s)</small>` : ''}${c.evidence ? `<br><small>${e(c.evidence.reason)}</small>` : ''}</td><td><small>${e(c.firstSeen ?? '-')}<br>${e(c.lastSeen ?? '')}</small></td></tr>`,
    )
    .join('');
  const intents = r.intents
    .map((i) => `<tr><td>${e(i.intent)}</td><td class="n">${i.hits}</td><td class="n">${i.misses}</td><td class="n">${pct(i.missRate)}</td><td class="n">${i.sampleUtterances}${i.underMinimum ? ` ⚠ &lt; ${r.minUtterances}` : ''}</td></tr>`)
    .join('');
  const pairs = r.confusedPairs.map((p) => `<tr><td>${e(p.intents.join(' / '))}</td><td class="n">${p.count}</td><td>${p.examples.map((x) => `“${e(x)}”`).join(', ')}</td></tr>`).join('');
  const o = r.outcomes;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Missed utterances: ${e(r.bot)} (${e(r.localeId)})</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#222}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}.kpi{display:flex;gap:2rem}.kpi div{font-size:1.6rem}.kpi small{display:block;font-size:.8rem;color:#666}svg{max-width:100%;height:auto}.note{background:#fff4e5;padding:.5rem 1rem;border-left:4px solid #edae49}</style>
</head><body>
<h1>Missed utterances: ${e(r.bot)} (${e(r.localeId)})</h1>
<p>Sources: ${e(r.sources.join(', ') || 'none')}; ${e(r.window.label ? `window ${r.window.label}` : 'all records')}. Generated ${e(r.generatedAt)}.</p>
<div class="kpi"><div>${t.missed}<small>missed turns</small></div><div>${pct(t.missRate)}<small>of ${t.turns} turns</small></div><div>${t.sessionsWithMiss}<small>conversations with a miss</small></div><div>${r.clusters.length + r.moreClusters.clusters}<small>clusters</small></div></div>
${notes ? `<div class="note"><h2>What this report cannot show</h2><ul>${notes}</ul></div>` : ''}
<h2>Suggested changes</h2>${suggestions(r)}
<h2>Misses over time</h2>${timelineSvg(r)}
<h2>Top clusters</h2>${clusterChart}
<h2>Clusters</h2><table><thead><tr><th>#</th><th>missed</th><th>sessions</th><th>examples</th><th>nearest intent</th><th>runner-up</th><th>suggestion</th><th>first / last seen</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Miss rate per intent</h2>${intentChart}
<table><thead><tr><th>intent</th><th>hits</th><th>misses</th><th>miss rate</th><th>sample utterances</th></tr></thead><tbody>${intents}</tbody></table>
<h2>Intents the traffic confuses</h2>${pairs ? `<table><thead><tr><th>intents</th><th>turns</th><th>examples</th></tr></thead><tbody>${pairs}</tbody></table>` : '<p>None.</p>'}
<h2>How missed conversations ended</h2>${o ? `<p>${o.sessions} conversations with a missed turn: ${o.agentTransfer} agent transfer, ${o.recovered} recovered, ${o.hangUp} hang-up.</p>` : '<p>Not available: the source has no sessions.</p>'}
${r.problems.count ? `<h2>Skipped log lines</h2><p>${r.problems.count} line(s) skipped.</p><ul>${r.problems.first.map((p) => `<li><code>${e(p.file)}:${p.line}</code> ${e(p.message)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
