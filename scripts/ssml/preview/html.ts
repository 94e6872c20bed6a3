/**
 * `index.html` of a preview: one row per prompt (locale, id, voice, lint status, the SSML, an audio
 * player and its word timings), self-contained (inline CSS and script, audio by relative path) so
 * the folder can be opened from disk or kept as a CI artifact. Every value from a prompt or the
 * project is HTML-escaped.
 * @module
 */
import type { SsmlFinding } from '../lint.js';
import type { SpeechMark } from './cache.js';

/** One row of the page. */
export interface HtmlRow {
  id: string;
  localeId: string;
  file: string;
  text: string;
  voice: string;
  engine: string;
  /** Audio path relative to index.html, e.g. `audio/en_US/goodbye.mp3` (undefined when not rendered). */
  audio?: string;
  marks: SpeechMark[];
  marksNote?: string;
  lint: SsmlFinding[];
  /** Why the prompt was not rendered. */
  error?: string;
  /** `espeak-ng` rows are offline approximations. */
  renderer: 'polly' | 'espeak-ng';
  /** A row kept from an earlier preview whose prompt file has changed since. */
  stale?: boolean;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escapes a relative path for a `src` attribute: each segment URI-encoded, then HTML-escaped. */
function escapeSrc(path: string): string {
  return escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
}

function lintCell(findings: SsmlFinding[]): string {
  if (!findings.length) return '<span class="ok">✔ no findings</span>';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  const items = findings
    .map((f) => `<li class="${f.severity}">${f.line}:${f.column} ${escapeHtml(f.message)} <code>${escapeHtml(f.ruleId)}</code>${f.hint ? `<br><small>${escapeHtml(f.hint)}</small>` : ''}</li>`)
    .join('');
  return `<span class="${errors ? 'error' : 'warning'}">${escapeHtml(summary)}</span><ul>${items}</ul>`;
}

function timingsCell(marks: SpeechMark[], note: string | undefined): string {
  const words = marks.filter((m) => m.type === 'word');
  if (!words.length) return `<span class="muted">${escapeHtml(note ?? 'no word timings')}</span>`;
  return `<ol class="words">${words.map((w) => `<li data-ms="${w.time}"><button type="button">${escapeHtml(w.value)}</button> <small>${w.time} ms</small></li>`).join('')}</ol>`;
}

/**
 * Renders the page.
 * @param mode - `polly`, or `offline` with the eSpeak NG version (the page then says "offline approximation").
 */
export function renderIndexHtml(rows: HtmlRow[], mode: { kind: 'polly'; region?: string } | { kind: 'offline'; espeakVersion: string; reason: string }): string {
  const title = mode.kind === 'offline' ? 'SSML preview — offline approximation' : 'SSML preview — Amazon Polly';
  const banner =
    mode.kind === 'offline'
      ? `<p class="banner">Offline approximation: rendered by eSpeak NG ${escapeHtml(mode.espeakVersion)}, not by Amazon Polly (${escapeHtml(mode.reason)}). It tells what is said and where the pauses are, not how the Polly voice sounds; there are no word timings.</p>`
      : `<p>Rendered by Amazon Polly${mode.region ? ` (${escapeHtml(mode.region)})` : ''} with each bot locale's voice and engine. Click a word to play from it.</p>`;
  const body = rows
    .map(
      (r) => `<tr id="${escapeHtml(`${r.localeId}/${r.id}`)}">
<td><code>${escapeHtml(r.localeId)}</code></td>
<td><strong>${escapeHtml(r.id)}</strong><br><small>${escapeHtml(r.file)}</small>${r.stale ? '<br><small class="warning">changed since this preview: preview it again</small>' : ''}</td>
<td>${escapeHtml(r.voice)}<br><small>${escapeHtml(r.engine)}${r.renderer === 'espeak-ng' ? ' · offline approximation' : ''}</small></td>
<td class="lint">${lintCell(r.lint)}</td>
<td><pre>${escapeHtml(r.text.trim())}</pre></td>
<td>${r.audio ? `<audio controls preload="none" src="${escapeSrc(r.audio)}"></audio>` : `<span class="error">not rendered: ${escapeHtml(r.error ?? 'unknown error')}</span>`}</td>
<td>${timingsCell(r.marks, r.marksNote)}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
pre{white-space:pre-wrap;margin:0;font-size:12px;max-width:32rem}small,.muted{color:#666}
.banner{background:#fff4ce;border:1px solid #e0b400;padding:.6rem}
.ok{color:#1a7f37}.error{color:#c62828}.warning{color:#9a6700}.lint ul{margin:.2rem 0;padding-left:1rem}
ol.words{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.3rem}
ol.words button{border:1px solid #ccc;background:#f6f8fa;border-radius:3px;cursor:pointer;font:inherit}
ol.words li.now button{background:#0969da;color:#fff}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${banner}
<p>${rows.length} prompt${rows.length === 1 ? '' : 's'}.</p>
<table>
<thead><tr><th>locale</th><th>prompt</th><th>voice</th><th>lint</th><th>SSML</th><th>audio</th><th>word timings</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<script>
for (const row of document.querySelectorAll('tbody tr')) {
  const audio = row.querySelector('audio');
  const words = [...row.querySelectorAll('ol.words li')];
  if (!audio || !words.length) continue;
  for (const w of words) w.querySelector('button').addEventListener('click', () => { audio.currentTime = Number(w.dataset.ms) / 1000; audio.play(); });
  audio.addEventListener('timeupdate', () => {
    const ms = audio.currentTime * 1000;
    let now = -1;
    words.forEach((w, i) => { if (Number(w.dataset.ms) <= ms) now = i; });
    words.forEach((w, i) => w.classList.toggle('now', i === now));
  });
}
</script>
</body>
</html>
`;
}
