/**
 * `bots eval` reports: a Markdown summary (for a pull request) and a self-contained HTML page with
 * inline SVG charts (per-intent F1, confusion matrix, confidence histogram, reliability diagram; no
 * scripts, no CDN).
 * @module
 */
import type { EvalReport, LocaleEvaluation } from './eval.js';
import type { EvalMetrics } from './metrics.js';
import type { Reliability } from '../nlu/calibration.js';
import { escapeXml } from './report.js';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const num = (v: number) => v.toFixed(2);
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** How a locale was evaluated, in words. */
export function methodText(e: LocaleEvaluation): string {
  return e.method.kind === 'cross-validation'
    ? `${e.method.folds}-fold cross-validation over ${e.utterances} sample utterances (seed ${e.method.seed}), local NLU`
    : `${e.utterances} utterances of ${e.method.file} against ${e.method.against === 'alias' ? 'the alias' : 'the local NLU'}`;
}

/** The Markdown summary: per locale the headline figures, per-intent table, confused pairs and failures (first 10). */
export function toMarkdown(r: EvalReport): string {
  const out: string[] = [`# NLU evaluation of ${r.bot}`, '', `${r.target}; ${r.generatedAt}.`, ''];
  out.push('| locale | accuracy | macro F1 | weighted F1 | utterances | intents | threshold |', '|---|---|---|---|---|---|---|');
  for (const e of r.locales) out.push(`| ${e.localeId} | ${pct(e.metrics.accuracy)} | ${num(e.metrics.macro.f1)} | ${num(e.metrics.weighted.f1)} | ${e.utterances} | ${e.intents} | ${e.threshold} |`);
  for (const e of r.locales) {
    const m = e.metrics;
    out.push('', `## ${e.localeId}`, '', `${methodText(e)}: ${m.correct} of ${m.total} right (${pct(m.accuracy)}).`, '');
    out.push('| intent | precision | recall | F1 | support |', '|---|---|---|---|---|');
    for (const i of m.perIntent) out.push(`| ${i.intent} | ${num(i.precision)} | ${num(i.recall)} | ${num(i.f1)} | ${i.support} |`);
    out.push('', ...reliabilityMarkdown(m.reliability));
    if (m.confusedPairs.length) {
      out.push('', 'Most confused:', '', '| expected | predicted | count | examples |', '|---|---|---|---|');
      for (const p of m.confusedPairs.slice(0, 5)) out.push(`| ${p.expected} | ${p.predicted} | ${p.count} | ${p.examples.map((x) => `"${mdCell(x)}"`).join(', ')} |`);
    }
    if (m.failures.length) {
      out.push('', `Failed utterances (${m.failures.length}${m.failures.length > 10 ? ', first 10' : ''}):`, '');
      for (const f of m.failures.slice(0, 10)) out.push(`- "${mdCell(f.text)}": ${f.expected} → ${f.predicted}${f.confidence !== undefined ? ` (${num(f.confidence)})` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** How well the confidences are calibrated: ECE and the non-empty bins of the reliability diagram (Markdown lines). */
function reliabilityMarkdown(r: Reliability): string[] {
  if (!r.total) return ['Confidence calibration: no confidences to compare.'];
  const out = [
    `Confidence calibration (${r.total} answers; "right": the top intent, before the threshold, is the expected one): ECE ${r.ece.toFixed(3)}, largest gap ${r.maxGap.toFixed(2)}.`,
    '',
    '| confidence | answers | mean confidence | right |',
    '|---|---|---|---|',
  ];
  for (const b of r.bins) if (b.count) out.push(`| ${b.from.toFixed(1)}-${b.to.toFixed(1)} | ${b.count} | ${num(b.meanConfidence)} | ${pct(b.accuracy)} |`);
  return out;
}

/**
 * Reliability diagram (SVG): per confidence bin a bar as high as the share of right answers, a tick
 * at the bin's mean confidence, and the diagonal a calibrated NLU follows.
 */
function reliabilityChart(r: Reliability): string {
  const size = 200;
  const left = 34;
  const top = 8;
  const x = (v: number) => left + v * size;
  const y = (v: number) => top + (1 - v) * size;
  const parts: string[] = [
    `<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#999"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 3"/>`,
  ];
  for (const b of r.bins) {
    if (!b.count) continue;
    const w = (b.to - b.from) * size;
    parts.push(
      `<rect x="${x(b.from) + 1}" y="${y(b.accuracy)}" width="${w - 2}" height="${y(0) - y(b.accuracy)}" fill="#1565c0" fill-opacity="0.75"><title>${escapeXml(`${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.count} answers, mean confidence ${num(b.meanConfidence)}, ${pct(b.accuracy)} right`)}</title></rect>`,
      `<line x1="${x(b.from) + 1}" y1="${y(b.meanConfidence)}" x2="${x(b.to) - 1}" y2="${y(b.meanConfidence)}" stroke="#c62828" stroke-width="2"/>`,
    );
  }
  for (const v of [0, 0.5, 1]) parts.push(`<text x="${x(v)}" y="${top + size + 14}" text-anchor="middle">${v}</text><text x="${left - 4}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  return `<svg role="img" aria-label="Reliability diagram" width="${left + size + 10}" height="${top + size + 22}" font-size="11" font-family="sans-serif">${parts.join('')}</svg>`;
}

/** Horizontal bars of per-intent F1 (SVG). */
function f1Chart(m: EvalMetrics): string {
  const rowH = 22;
  const labelW = 170;
  const barW = 300;
  const h = m.perIntent.length * rowH + 10;
  const bars = m.perIntent
    .map((i, k) => {
      const y = 5 + k * rowH;
      const w = Math.round(i.f1 * barW);
      const colour = i.f1 >= 0.9 ? '#2e7d32' : i.f1 >= 0.7 ? '#f9a825' : '#c62828';
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${escapeXml(i.intent)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${colour}"><title>${escapeXml(`${i.intent}: F1 ${num(i.f1)}, precision ${num(i.precision)}, recall ${num(i.recall)}, support ${i.support}`)}</title></rect><text x="${labelW + w + 4}" y="${y + 15}">${num(i.f1)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="F1 per intent" width="${labelW + barW + 50}" height="${h}" font-size="12" font-family="sans-serif">${bars}</svg>`;
}

/** The confusion matrix as a heat map (SVG): rows expected, columns predicted. */
function confusionChart(m: EvalMetrics): string {
  const { labels, matrix } = m.confusion;
  const cell = 34;
  const labelW = 170;
  const top = 150;
  const max = Math.max(1, ...matrix.flat());
  const cells: string[] = [];
  labels.forEach((l, c) => {
    const x = labelW + c * cell + cell / 2;
    cells.push(`<text transform="translate(${x},${top - 6}) rotate(-55)">${escapeXml(l)}</text>`);
  });
  matrix.forEach((row, r) => {
    const y = top + r * cell;
    cells.push(`<text x="${labelW - 6}" y="${y + cell / 2 + 4}" text-anchor="end">${escapeXml(labels[r]!)}</text>`);
    row.forEach((v, c) => {
      const x = labelW + c * cell;
      const a = v / max;
      const fill = v === 0 ? '#fafafa' : r === c ? `rgba(46,125,50,${0.2 + 0.8 * a})` : `rgba(198,40,40,${0.25 + 0.75 * a})`;
      cells.push(
        `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"><title>${escapeXml(`${labels[r]} → ${labels[c]}: ${v}`)}</title></rect>${v ? `<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 4}" text-anchor="middle">${v}</text>` : ''}`,
      );
    });
  });
  return `<svg role="img" aria-label="Confusion matrix" width="${labelW + labels.length * cell + 90}" height="${top + labels.length * cell + 10}" font-size="11" font-family="sans-serif">${cells.join('')}</svg>`;
}

/** Stacked columns of the top confidence, right (green) and wrong (red) answers (SVG). */
function histogramChart(m: EvalMetrics): string {
  const colW = 36;
  const h = 160;
  const max = Math.max(1, ...m.histogram.map((b) => b.correct + b.incorrect));
  const parts = m.histogram.map((b, i) => {
    const x = 30 + i * colW;
    const hc = Math.round((b.correct / max) * h);
    const hi = Math.round((b.incorrect / max) * h);
    return `<rect x="${x}" y="${10 + h - hc}" width="${colW - 4}" height="${hc}" fill="#2e7d32"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.correct} right</title></rect><rect x="${x}" y="${10 + h - hc - hi}" width="${colW - 4}" height="${hi}" fill="#c62828"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.incorrect} wrong</title></rect><text x="${x + (colW - 4) / 2}" y="${h + 26}" text-anchor="middle">${b.from.toFixed(1)}</text>`;
  });
  return `<svg role="img" aria-label="Confidence histogram" width="${30 + m.histogram.length * colW + 10}" height="${h + 40}" font-size="11" font-family="sans-serif"><line x1="28" y1="${h + 10}" x2="${30 + m.histogram.length * colW}" y2="${h + 10}" stroke="#999"/>${parts.join('')}</svg>`;
}

/** The HTML report: one self-contained page (inline CSS and SVG). */
export function toHtml(r: EvalReport): string {
  const e = escapeXml;
  const sections = r.locales.map((loc) => {
    const m = loc.metrics;
    const rows = m.perIntent.map((i) => `<tr><td>${e(i.intent)}</td><td>${num(i.precision)}</td><td>${num(i.recall)}</td><td>${num(i.f1)}</td><td>${i.support}</td></tr>`).join('');
    const pairs = m.confusedPairs
      .slice(0, 10)
      .map((p) => `<tr><td>${e(p.expected)}</td><td>${e(p.predicted)}</td><td>${p.count}</td><td>${p.examples.map((x) => `“${e(x)}”`).join('<br>')}</td></tr>`)
      .join('');
    const fails = m.failures
      .map((f) => `<tr><td>${e(f.text)}</td><td>${e(f.expected)}</td><td>${e(f.predicted)}</td><td>${f.confidence !== undefined ? num(f.confidence) : '–'}</td></tr>`)
      .join('');
    return `<section id="${e(loc.localeId)}">
<h2>${e(loc.localeId)}: ${pct(m.accuracy)} accuracy, macro F1 ${num(m.macro.f1)}</h2>
<p>${e(methodText(loc))}; confidence threshold ${loc.threshold} (below it the answer is FallbackIntent).</p>
<div class="charts"><figure>${f1Chart(m)}<figcaption>F1 per intent</figcaption></figure><figure>${histogramChart(m)}<figcaption>Top confidence: right (green) and wrong (red) answers</figcaption></figure><figure>${reliabilityChart(m.reliability)}<figcaption>Reliability: share right per confidence bin (bars), mean confidence (red), calibrated (dashed); ECE ${m.reliability.ece.toFixed(3)}</figcaption></figure></div>
<figure>${confusionChart(m)}<figcaption>Confusion matrix: rows expected, columns predicted</figcaption></figure>
<h3>Per intent</h3><table><thead><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead><tbody>${rows}</tbody></table>
<h3>Most confused pairs</h3>${pairs ? `<table><thead><tr><th>expected</th><th>predicted</th><th>count</th><th>examples</th></tr></thead><tbody>${pairs}</tbody></table>` : '<p>None.</p>'}
<h3>Failed utterances (${m.failures.length})</h3>${fails ? `<table><thead><tr><th>utterance</th><th>expected</th><th>predicted</th><th>confidence</th></tr></thead><tbody>${fails}</tbody></table>` : '<p>None.</p>'}
</section>`;
  });
  const summary = r.locales.map((l) => `<tr><td><a href="#${e(l.localeId)}">${e(l.localeId)}</a></td><td>${pct(l.metrics.accuracy)}</td><td>${num(l.metrics.macro.f1)}</td><td>${num(l.metrics.weighted.f1)}</td><td>${l.utterances}</td><td>${l.intents}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLU evaluation of ${e(r.bot)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:2rem}figure{margin:0 0 1rem}figcaption{color:#666;font-size:.85rem}section{border-top:1px solid #ccc;margin-top:2rem}</style>
</head><body>
<h1>NLU evaluation of ${e(r.bot)}</h1>
<p>${e(r.target)}; generated ${e(r.generatedAt)} by <code>bots eval</code>.</p>
<table><thead><tr><th>locale</th><th>accuracy</th><th>macro F1</th><th>weighted F1</th><th>utterances</th><th>intents</th></tr></thead><tbody>${summary}</tbody></table>
${sections.join('\n')}
</body></html>
`;
}
