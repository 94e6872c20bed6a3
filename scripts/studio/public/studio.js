// bots studio: the page. Plain JavaScript (no build step); every call goes to the local server's /api.
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
};

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) {
    const err = new Error(data.error || `HTTP ${res.status}`);
    err.status = res.status;
    err.data = data;
    throw err;
  }
  return data;
}

const state = { info: null, prompt: null, savedText: '', findings: [], completions: [], lintTimer: 0, conversationId: null };
const editor = $('editor');
const backdrop = $('editor-backdrop');

// ---------- prompt list ----------
function badge(p) {
  if (p.errors) return el('span', { class: 'badge error', text: `${p.errors} error${p.errors > 1 ? 's' : ''}` });
  if (p.warnings) return el('span', { class: 'badge warning', text: `${p.warnings} warning${p.warnings > 1 ? 's' : ''}` });
  return el('span', { class: 'badge ok', text: 'ok' });
}

function renderPromptList() {
  const list = $('prompt-list');
  const filter = $('prompt-filter').value.trim().toLowerCase();
  list.replaceChildren();
  const byLocale = new Map();
  for (const p of state.info.prompts) {
    if (filter && !`${p.localeId}/${p.id}`.toLowerCase().includes(filter)) continue;
    if (!byLocale.has(p.localeId)) byLocale.set(p.localeId, []);
    byLocale.get(p.localeId).push(p);
  }
  for (const [localeId, prompts] of byLocale) {
    const voice = prompts[0].voice ? `${prompts[0].voice}, ${prompts[0].engine}` : 'no voice';
    const h = el('h3', { id: `loc-${localeId}`, text: `${localeId} · ${voice}` });
    const ul = el('ul', { 'aria-labelledby': `loc-${localeId}` });
    for (const p of prompts) {
      const current = state.prompt && state.prompt.localeId === p.localeId && state.prompt.id === p.id;
      const label = `${p.localeId}/${p.id}: ${p.errors} errors, ${p.warnings} warnings`;
      ul.append(el('li', {}, el('button', { type: 'button', 'aria-label': label, 'aria-current': current ? 'true' : 'false', 'data-prompt': `${p.localeId}/${p.id}`, onclick: () => openPrompt(p.localeId, p.id) }, el('span', { text: p.id }), badge(p))));
    }
    list.append(h, ul);
  }
  if (!byLocale.size) list.append(el('p', { class: 'muted', text: 'No prompt matches.' }));
}

async function refreshState() {
  state.info = await api('GET', '/api/state');
  $('project').textContent = state.info.root;
  $('preview-mode').textContent = state.info.preview.note;
  renderPromptList();
}

// ---------- editor ----------
function isDirty() {
  return state.prompt && editor.value !== state.savedText;
}

function updateDirty() {
  const dirty = isDirty();
  $('dirty').hidden = !dirty;
  $('save').disabled = !state.prompt || !dirty;
  $('play').disabled = !state.prompt;
  $('play').title = dirty ? 'Plays the saved file: save to hear your changes' : '';
}

async function openPrompt(localeId, id) {
  if (isDirty() && !confirm(`Discard the unsaved changes to ${state.prompt.localeId}/${state.prompt.id}?`)) return;
  const p = await api('GET', `/api/prompts/${encodeURIComponent(localeId)}/${encodeURIComponent(id)}`);
  state.prompt = p;
  state.savedText = p.text;
  editor.disabled = false;
  editor.value = p.text;
  $('editor-title').textContent = `${p.localeId}/${p.id}`;
  $('editor-voice').textContent = `${p.file} · ${p.voice ? `${p.voice} (${p.engine})` : 'no voice for this locale'} · ${p.languageCode}`;
  $('revert').disabled = false;
  $('ph-insert').disabled = false;
  $('conflict').hidden = true;
  $('save-status').textContent = '';
  setFindings(p.findings);
  updateDirty();
  renderPromptList();
  setupVariants();
  state.completions = (await api('GET', `/api/completions?${new URLSearchParams({ language: p.languageCode, voice: p.voice || '', engine: p.engine || '' })}`)).tags;
  if (state.info.phonemeLanguages.includes(p.languageCode)) {
    $('ph-language').value = p.languageCode;
    loadPhonemes();
  }
}

function lineColOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function offsetOf(text, line, column) {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return Math.min(text.length, off + column - 1);
}

function setFindings(findings) {
  state.findings = findings;
  const ul = $('findings');
  ul.replaceChildren();
  const errors = findings.filter((f) => f.severity === 'error').length;
  $('findings-summary').textContent = findings.length ? `${errors} error(s), ${findings.length - errors} warning(s)` : 'No lint findings.';
  for (const f of findings) {
    const where = `line ${f.line}, column ${f.column}`;
    ul.append(
      el('li', { class: f.severity },
        el('button', { type: 'button', 'aria-label': `${f.severity} at ${where}: ${f.message} Go to it.`, onclick: () => goTo(f) },
          el('strong', { text: `${f.line}:${f.column} ${f.severity}` }), ' ', f.message, ' ', el('code', { text: f.ruleId })),
        f.hint ? el('span', { class: 'hint', text: f.hint }) : null,
        f.source ? el('a', { href: f.source, target: '_blank', rel: 'noreferrer', text: 'rule docs' }) : null),
    );
  }
  paintBackdrop();
}

function goTo(f) {
  const off = f.offset ?? offsetOf(editor.value, f.line, f.column);
  editor.focus();
  editor.setSelectionRange(off, off);
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** The mirror behind the textarea: the same text, transparent, with the findings underlined. */
function paintBackdrop() {
  const text = editor.value;
  const spans = [];
  for (const f of state.findings) {
    const start = f.offset ?? offsetOf(text, f.line, f.column);
    let end = start + 1;
    while (end < text.length && !/[\s<>"']/.test(text[end])) end++;
    spans.push({ start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length), cls: f.severity });
  }
  spans.sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    html += escapeHtml(text.slice(at, s.start)) + `<mark class="${s.cls}">${escapeHtml(text.slice(s.start, s.end) || ' ')}</mark>`;
    at = s.end;
  }
  html += `${escapeHtml(text.slice(at))}\n`;
  backdrop.innerHTML = html;
  backdrop.scrollTop = editor.scrollTop;
}

function scheduleLint() {
  clearTimeout(state.lintTimer);
  state.lintTimer = setTimeout(async () => {
    if (!state.prompt) return;
    const text = editor.value;
    const r = await api('POST', '/api/lint', { text, localeId: state.prompt.localeId, voice: state.prompt.voice, engine: state.prompt.engine });
    if (editor.value === text) setFindings(r.findings);
  }, 200);
}

async function save(overwriteHash) {
  if (!state.prompt) return;
  const text = editor.value;
  $('save-status').textContent = 'Saving…';
  try {
    const r = await api('PUT', `/api/prompts/${encodeURIComponent(state.prompt.localeId)}/${encodeURIComponent(state.prompt.id)}`, { text, baseHash: overwriteHash || state.prompt.hash });
    state.prompt.hash = r.hash;
    state.savedText = text;
    $('conflict').hidden = true;
    setFindings(r.findings);
    $('save-status').textContent = `Saved ${r.file}.`;
    updateDirty();
    const listed = state.info.prompts.find((p) => p.localeId === state.prompt.localeId && p.id === state.prompt.id);
    if (listed) {
      listed.errors = r.findings.filter((f) => f.severity === 'error').length;
      listed.warnings = r.findings.length - listed.errors;
      renderPromptList();
    }
  } catch (err) {
    if (err.status === 409) {
      $('save-status').textContent = 'Not saved.';
      $('conflict-text').textContent = err.message;
      $('conflict').hidden = false;
      $('conflict-overwrite').dataset.hash = err.data.currentHash;
      $('conflict-reload').focus();
    } else $('save-status').textContent = `Not saved: ${err.message}`;
  }
}

// ---------- completion ----------
const completion = $('completion');
let items = [];
let active = 0;

function completionContext() {
  const pos = editor.selectionStart;
  const before = editor.value.slice(0, pos);
  const lt = before.lastIndexOf('<');
  if (lt < 0 || before.lastIndexOf('>') > lt) return null;
  const inside = before.slice(lt + 1);
  if (/^\/?[\w:-]*$/.test(inside)) return { kind: 'tag', prefix: inside.replace(/^\//, ''), from: pos - inside.replace(/^\//, '').length, closing: inside.startsWith('/') };
  const tag = /^([\w:-]+)/.exec(inside)?.[1];
  const spec = state.completions.find((t) => t.name === tag);
  if (!spec) return null;
  const value = /([\w:-]+)\s*=\s*(["'])([^"']*)$/.exec(inside);
  if (value) {
    const attr = spec.attributes.find((a) => a.name === value[1]);
    return attr ? { kind: 'value', tag: spec, attr, prefix: value[3], from: pos - value[3].length } : null;
  }
  const quotes = (inside.match(/["']/g) || []).length;
  if (quotes % 2) return null;
  const attrPrefix = /\s([\w:-]*)$/.exec(inside);
  if (!attrPrefix) return null;
  return { kind: 'attribute', tag: spec, prefix: attrPrefix[1], from: pos - attrPrefix[1].length, present: [...inside.matchAll(/\s([\w:-]+)\s*=/g)].map((m) => m[1]) };
}

const supportText = (s, connect) => (s === 'unsupported' ? 'not on this engine' : s === 'partial' ? 'partly' : connect ? 'Connect ignores' : '');

function openCompletion(force) {
  const ctx = completionContext();
  if (!ctx) return closeCompletion();
  let list = [];
  if (ctx.kind === 'tag') {
    list = state.completions.filter((t) => t.name.startsWith(ctx.prefix)).map((t) => ({ label: ctx.closing ? `/${t.name}>` : t.name, insert: ctx.closing ? `${t.name}>` : t.snippet.slice(1), support: t.support, connect: t.connectIgnored, note: t.note }));
  } else if (ctx.kind === 'attribute') {
    list = ctx.tag.attributes.filter((a) => a.name.startsWith(ctx.prefix) && !ctx.present.includes(a.name)).map((a) => ({ label: a.name, insert: `${a.name}="$0"`, support: a.support, note: a.note }));
  } else {
    list = ctx.attr.values.filter((v) => v.startsWith(ctx.prefix)).map((v) => ({ label: v, insert: v, support: ctx.attr.support }));
  }
  if (!list.length || (!force && ctx.kind !== 'tag' && !ctx.prefix && ctx.kind !== 'value')) return closeCompletion();
  items = list.map((x) => ({ ...x, from: ctx.from }));
  active = 0;
  completion.replaceChildren(
    ...items.map((it, i) =>
      el('li', { role: 'option', id: `cmp-${i}`, class: it.support, 'aria-selected': i === active ? 'true' : 'false', title: it.note || '', onmousedown: (e) => { e.preventDefault(); accept(i); } },
        el('span', { class: 'label', text: it.label }), el('span', { class: 'support', text: supportText(it.support, it.connect) })),
    ),
  );
  const caret = caretPosition();
  completion.style.left = `${caret.left}px`;
  completion.style.top = `${caret.top}px`;
  completion.hidden = false;
  editor.setAttribute('aria-expanded', 'true');
  editor.setAttribute('aria-activedescendant', 'cmp-0');
}

function closeCompletion() {
  completion.hidden = true;
  items = [];
  editor.setAttribute('aria-expanded', 'false');
  editor.removeAttribute('aria-activedescendant');
}

function moveActive(d) {
  if (!items.length) return;
  active = (active + d + items.length) % items.length;
  for (const [i, li] of [...completion.children].entries()) li.setAttribute('aria-selected', i === active ? 'true' : 'false');
  completion.children[active].scrollIntoView({ block: 'nearest' });
  editor.setAttribute('aria-activedescendant', `cmp-${active}`);
}

function accept(i) {
  const it = items[i];
  if (!it) return;
  const pos = editor.selectionStart;
  const text = it.insert;
  const caret = text.indexOf('$0');
  const clean = text.replace('$0', '');
  editor.setRangeText(clean, it.from, pos, 'end');
  if (caret >= 0) editor.setSelectionRange(it.from + caret, it.from + caret);
  closeCompletion();
  onEdit();
}

/** Caret coordinates inside #editor-wrap, from a mirror of the text up to the caret. */
function caretPosition() {
  const mirror = el('div');
  const cs = getComputedStyle(editor);
  for (const p of ['font', 'padding', 'border', 'width', 'whiteSpace', 'overflowWrap', 'wordBreak', 'tabSize', 'boxSizing', 'lineHeight']) mirror.style[p] = cs[p];
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '0', whiteSpace: 'pre-wrap' });
  mirror.textContent = editor.value.slice(0, editor.selectionStart);
  const marker = el('span', { text: '\u200b' });
  mirror.append(marker);
  $('editor-wrap').append(mirror);
  const top = marker.offsetTop + parseFloat(cs.lineHeight || '18') - editor.scrollTop + 2;
  const left = Math.min(marker.offsetLeft, editor.clientWidth - 200);
  mirror.remove();
  return { top, left: Math.max(0, left) };
}

function onEdit() {
  updateDirty();
  paintBackdrop();
  scheduleLint();
}

editor.addEventListener('input', (e) => {
  onEdit();
  if (e.inputType === 'insertText' && (e.data === '<' || e.data === ' ' || e.data === '"' || !completion.hidden)) openCompletion(e.data === '<' || e.data === '"');
  else if (!completion.hidden) openCompletion(false);
});
editor.addEventListener('scroll', () => { backdrop.scrollTop = editor.scrollTop; });
editor.addEventListener('blur', () => setTimeout(closeCompletion, 100));
editor.addEventListener('keydown', (e) => {
  if (!completion.hidden) {
    if (e.key === 'ArrowDown') { e.preventDefault(); return moveActive(1); }
    if (e.key === 'ArrowUp') { e.preventDefault(); return moveActive(-1); }
    if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); return accept(active); }
    if (e.key === 'Escape') { e.preventDefault(); return closeCompletion(); }
  }
  if (e.key === ' ' && e.ctrlKey) { e.preventDefault(); openCompletion(true); }
});
new ResizeObserver(() => { backdrop.style.height = `${editor.offsetHeight}px`; }).observe(editor);

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); if (isDirty()) save(); }
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && state.prompt) { e.preventDefault(); play('a'); }
});
window.addEventListener('beforeunload', (e) => { if (isDirty()) e.preventDefault(); });

$('save').addEventListener('click', () => save());
$('revert').addEventListener('click', () => state.prompt && (state.savedText = editor.value, openPrompt(state.prompt.localeId, state.prompt.id)));
$('conflict-reload').addEventListener('click', () => { state.savedText = editor.value; openPrompt(state.prompt.localeId, state.prompt.id); });
$('conflict-overwrite').addEventListener('click', (e) => save(e.currentTarget.dataset.hash));
$('play').addEventListener('click', () => { selectTab('tab-play'); play('a'); });
$('prompt-filter').addEventListener('input', renderPromptList);

// ---------- play and compare ----------
function fillVoices(side, voiceId, engine) {
  const lang = state.prompt.languageCode;
  const voices = state.info.voices.filter((v) => v.languageCode === lang);
  const vs = $(`voice-${side}`);
  vs.replaceChildren(...voices.map((v) => el('option', { value: v.id, text: v.id, selected: v.id === voiceId })));
  if (voiceId && !voices.some((v) => v.id === voiceId)) vs.prepend(el('option', { value: voiceId, text: voiceId, selected: true }));
  const fillEngines = () => {
    const v = state.info.voices.find((x) => x.id === vs.value);
    const es = v ? v.engines : state.info.engines;
    $(`engine-${side}`).replaceChildren(...es.map((e) => el('option', { value: e, text: e, selected: e === engine })));
  };
  vs.onchange = () => { engine = undefined; fillEngines(); };
  fillEngines();
  $(`play-${side}`).disabled = false;
}

function setupVariants() {
  const p = state.prompt;
  fillVoices('a', p.voice, p.engine);
  const others = state.info.voices.filter((v) => v.languageCode === p.languageCode && v.id !== p.voice);
  const b = others[0];
  fillVoices('b', b ? b.id : p.voice, b ? b.engines[0] : p.engine);
}

async function play(side) {
  if (!state.prompt) return;
  const status = $(`status-${side}`);
  const audio = $(`audio-${side}`);
  const voice = $(`voice-${side}`).value;
  const engine = $(`engine-${side}`).value;
  status.textContent = `Rendering ${state.prompt.localeId}/${state.prompt.id} with ${voice} (${engine})…`;
  try {
    const r = await api('POST', '/api/play', { localeId: state.prompt.localeId, id: state.prompt.id, voice, engine, offline: $(`offline-${side}`).checked });
    if (r.error || !r.audioUrl) {
      status.textContent = `Not rendered: ${r.error || 'no audio'}`;
      return;
    }
    const who = r.renderer === 'espeak-ng' ? `eSpeak NG ${r.espeakVoice || ''}: offline approximation of ${r.voice}` : `Amazon Polly ${r.voice} (${r.engine})`;
    const marks = r.marks.filter((m) => m.type === 'word');
    const timing = marks.length ? `${marks.length} word timings` : `no word timings (${r.marksNote || 'no speech marks'}${r.renderer === 'espeak-ng' ? '; eSpeak NG offline gives no speech marks' : ''})`;
    status.textContent = `${who}, ${r.status}; ${timing}.${r.offlineReason ? ` Offline because: ${r.offlineReason}.` : ''}`;
    renderTranscript(side, r.text, marks);
    audio.src = r.audioUrl;
    audio.dataset.marks = JSON.stringify(marks);
    audio.play().catch(() => { /* autoplay may be refused: the controls are there */ });
  } catch (err) {
    status.textContent = `Not played: ${err.message}`;
  }
}

function renderTranscript(side, text, marks) {
  const box = $(`transcript-${side}`);
  box.replaceChildren();
  let at = 0;
  marks.forEach((m, i) => {
    if (m.start < at) return;
    box.append(text.slice(at, m.start), el('span', { class: 'w', 'data-i': String(i), text: text.slice(m.start, m.end) }));
    at = m.end;
  });
  box.append(text.slice(at));
}

for (const side of ['a', 'b']) {
  $(`play-${side}`).addEventListener('click', () => play(side));
  const audio = $(`audio-${side}`);
  audio.addEventListener('timeupdate', () => {
    const marks = JSON.parse(audio.dataset.marks || '[]');
    const ms = audio.currentTime * 1000;
    let now = -1;
    marks.forEach((m, i) => { if (m.time <= ms) now = i; });
    for (const w of $(`transcript-${side}`).querySelectorAll('.w')) w.classList.toggle('now', Number(w.dataset.i) === now);
  });
}

// ---------- phonemes ----------
async function loadPhonemes() {
  const language = $('ph-language').value;
  const t = await api('GET', `/api/phonemes?language=${encodeURIComponent(language)}`);
  $('ph-caption').textContent = `Polly phoneme table, ${language} (${t.symbols.length} symbols): choose a symbol to add it`;
  $('ph-table').tBodies[0].replaceChildren(
    ...t.symbols.map((s) =>
      el('tr', {},
        el('td', {}, el('button', { type: 'button', 'aria-label': `Add IPA ${s.ipa} (${s.description})`, onclick: () => addSymbol(s.ipa, 'ipa') }, s.ipa)),
        el('td', {}, el('button', { type: 'button', 'aria-label': `Add X-SAMPA ${s.xsampa} (${s.description})`, onclick: () => addSymbol(s.xsampa, 'x-sampa') }, s.xsampa)),
        el('td', { text: s.description }),
        el('td', { text: s.example })),
    ),
  );
}

function addSymbol(sym, alphabet) {
  const input = $('ph-input');
  if ($('ph-from').value !== alphabet && input.value) return ($('ph-result').textContent = `The input is ${$('ph-from').value}; that symbol is ${alphabet}.`);
  $('ph-from').value = alphabet;
  input.value += sym;
  input.focus();
}

async function convert() {
  const from = $('ph-from').value;
  const to = from === 'ipa' ? 'x-sampa' : 'ipa';
  const r = await api('POST', '/api/phonemes/convert', { ph: $('ph-input').value, from, to, language: $('ph-language').value });
  const problems = r.problems.map((p) => `${p.message}${p.suggestions.length ? ` (did you mean ${p.suggestions.join(', ')}?)` : ''}`).join(' ');
  $('ph-result').textContent = r.error ? `${r.error} ${problems}` : `${to === 'ipa' ? 'IPA' : 'X-SAMPA'}: ${r.result}${problems ? ` — ${problems}` : ''}`;
  $('ph-result').dataset.ipa = r.error ? '' : from === 'ipa' ? $('ph-input').value : r.result;
}

$('ph-language').addEventListener('change', loadPhonemes);
$('ph-convert').addEventListener('click', convert);
$('ph-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); convert(); } });
$('ph-insert').addEventListener('click', () => {
  const alphabet = $('ph-from').value;
  const ph = $('ph-input').value.replace(/"/g, '&quot;');
  if (!ph) return ($('ph-result').textContent = 'Type or choose phonemes first.');
  const { selectionStart: s, selectionEnd: e } = editor;
  const word = editor.value.slice(s, e) || 'word';
  editor.setRangeText(`<phoneme alphabet="${alphabet}" ph="${ph}">${word}</phoneme>`, s, e, 'end');
  editor.focus();
  onEdit();
});

// ---------- chat ----------
function fillChat() {
  const bots = state.info.bots;
  $('chat-bot').replaceChildren(...bots.map((b) => el('option', { value: b.name, text: b.name })));
  const fillLocales = () => {
    const b = bots.find((x) => x.name === $('chat-bot').value);
    $('chat-locale').replaceChildren(...(b ? b.locales : []).map((l) => el('option', { value: l.localeId, text: l.localeId })));
    state.conversationId = null;
  };
  $('chat-bot').onchange = fillLocales;
  $('chat-locale').onchange = () => { state.conversationId = null; };
  fillLocales();
}

function chatLine(cls, text, extra) {
  const log = $('chat-log');
  log.append(el('div', { class: cls }, el('span', { text }), extra || null));
  log.scrollTop = log.scrollHeight;
}

$('chat-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text) return;
  const channel = document.querySelector('input[name="channel"]:checked').value;
  input.value = '';
  chatLine('you', text);
  $('chat-send').disabled = true;
  if (!state.conversationId) chatLine('meta', 'Starting the local bot (deploying the definitions to the emulator)…');
  try {
    const r = await api('POST', '/api/chat', { bot: $('chat-bot').value, localeId: $('chat-locale').value, channel, text, conversationId: state.conversationId });
    state.conversationId = r.conversationId;
    const msgs = r.turn.messages.length ? r.turn.messages : [{ text: '(no message)', content: '', contentType: '' }];
    for (const m of msgs) {
      const ssml = m.contentType === 'SSML' ? el('details', {}, el('summary', { text: 'SSML as sent' }), el('pre', { text: m.content })) : null;
      chatLine('bot', channel === 'voice' && m.contentType === 'SSML' ? `🔊 ${m.text}` : m.text, ssml);
    }
    const intent = r.turn.intent ? `${r.turn.intent.name} (${r.turn.intent.state || ''})` : 'no intent';
    chatLine('meta', `${intent} · ${r.turn.dialogAction ? r.turn.dialogAction.type : ''}${r.turn.dialogAction && r.turn.dialogAction.slotToElicit ? ` ${r.turn.dialogAction.slotToElicit}` : ''}`);
    for (const s of r.sms) chatLine('sms', `[text message to ${s.to}] ${s.body}`);
    if (r.turn.sessionAttributes && r.turn.sessionAttributes.nextAction) chatLine('meta', `[flow] nextAction=${r.turn.sessionAttributes.nextAction}`);
  } catch (err) {
    chatLine('err', `error: ${err.message}`);
  } finally {
    $('chat-send').disabled = false;
    input.focus();
  }
});
$('chat-new').addEventListener('click', () => { state.conversationId = null; $('chat-log').replaceChildren(); chatLine('meta', 'New conversation.'); $('chat-input').focus(); });
for (const r of document.querySelectorAll('input[name="channel"]')) r.addEventListener('change', () => { state.conversationId = null; chatLine('meta', `Channel: ${r.value}. New conversation.`); });

// ---------- tuning ----------
$('tune-load').addEventListener('click', async () => {
  $('tune-status').textContent = 'Reading the local emulator analytics…';
  try {
    const r = await api('GET', `/api/tune?${new URLSearchParams({ bot: $('chat-bot').value, localeId: $('chat-locale').value })}`);
    $('tune-frame').srcdoc = r.html;
    $('tune-status').textContent = `${r.totals.missed} missed of ${r.totals.turns} turns.`;
  } catch (err) {
    $('tune-status').textContent = `No report: ${err.message}`;
  }
});

// ---------- tabs (WAI-ARIA tabs: arrow keys move, Home/End) ----------
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(id) {
  for (const t of tabs) {
    const on = t.id === id;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
}
for (const [i, t] of tabs.entries()) {
  t.addEventListener('click', () => selectTab(t.id));
  t.addEventListener('keydown', (e) => {
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    selectTab(next.id);
    next.focus();
  });
}

// ---------- start ----------
await refreshState();
$('ph-language').replaceChildren(...state.info.phonemeLanguages.map((l) => el('option', { value: l, text: l })));
fillChat();
const first = new URLSearchParams(location.hash.slice(1)).get('prompt') || (state.info.prompts[0] && `${state.info.prompts[0].localeId}/${state.info.prompts[0].id}`);
if (first) {
  const [l, id] = first.split('/');
  await openPrompt(l, id).catch((err) => { $('save-status').textContent = err.message; });
}
document.body.dataset.ready = 'true';
