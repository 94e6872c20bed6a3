/**
 * The tuning report as Markdown, for a pull request description or a comment.
 * @module
 */
import type { MissCluster, TuningReport } from './analyze.js';

const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const quote = (s: string) => `"${cell(s)}"`;

/** A cluster's suggested action in words. */
export function actionText(c: MissCluster): string {
  if (c.action.kind === 'add-to-intent') return `add to **${c.action.intent}**`;
  if (c.action.kind === 'new-intent') return c.draft ? `**new intent** ${c.draft.name}` : 'candidate for a **new intent**';
  return 'out of scope';
}

/**
 * Renders the report as GitHub-flavoured Markdown: summary, notes about data Lex did not produce,
 * clusters with suggestions, per-intent rates, confused pairs, conversation outcomes.
 * @example renderMarkdown(report) // '# Missed utterances: SelfService (en_US)\n...'
 */
export function renderMarkdown(r: TuningReport): string {
  const out: string[] = [];
  out.push(`# Missed utterances: ${r.bot} (${r.localeId})`, '');
  const window = r.window.label ? `window ${r.window.label}${r.window.start ? ` (${r.window.start} to ${r.window.end})` : ''}` : 'all records';
  out.push(`Sources: ${r.sources.join(', ') || 'none'}; ${window}. Generated ${r.generatedAt}.`, '');
  const t = r.totals;
  out.push(
    `**${t.missed}** of **${t.turns}** turns missed (${pct(t.missRate)})` +
      (t.sessions ? ` in ${t.sessionsWithMiss} of ${t.sessions} conversations` : '') +
      `; ${t.distinctMissed} distinct missed texts in ${r.clusters.length + r.moreClusters.clusters} clusters.`,
    '',
  );
  if (r.notes.length) {
    out.push('## What this report cannot show', '');
    for (const n of r.notes) out.push(`- **${n.source}**: ${n.message}`);
    out.push('');
  }
  if (t.slotAnswersMissed) out.push(`${t.slotAnswersMissed} missed turns answered a slot prompt (a value Lex hides by obfuscation, or one it did not recognise); they are counted but not clustered.`, '');
  if (r.problems.count) {
    out.push(`${r.problems.count} log line(s) could not be read and were skipped:`, '');
    for (const p of r.problems.first) out.push(`- \`${p.file}:${p.line}\`: ${p.message}`);
    out.push('');
  }

  out.push('## Suggested changes', '');
  const add = r.clusters.filter((c) => c.action.kind === 'add-to-intent');
  if (!add.length) out.push('No cluster is close enough to an existing intent to suggest adding utterances.', '');
  else {
    const byIntent = new Map<string, string[]>();
    for (const c of add) byIntent.set((c.action as { intent: string }).intent, [...(byIntent.get((c.action as { intent: string }).intent) ?? []), ...c.suggestedUtterances]);
    for (const [intent, utts] of byIntent) out.push(`- **${intent}**: add ${utts.slice(0, 5).map(quote).join(', ')}${utts.length > 5 ? ` and ${utts.length - 5} more` : ''}`);
    out.push('', '`bots tune --apply` writes them into the intent files (within the per-intent maximum).', '');
  }
  const fresh = r.clusters.filter((c) => c.action.kind === 'new-intent');
  const drafts = fresh.filter((c) => c.draft);
  if (drafts.length) {
    out.push('### New intents', '');
    for (const c of drafts) {
      const d = c.draft!;
      out.push(
        `- **${d.name}** (\`${d.file}\`), from ${c.count} missed turn(s)${c.sessions !== undefined ? ` in ${c.sessions} conversation(s)` : ''}: ${d.utterances.slice(0, 4).map(quote).join(', ')}${d.utterances.length > 4 ? ` and ${d.utterances.length - 4} more` : ''} ` +
          `(${d.fromTraffic} said by callers, ${d.utterances.length - d.fromTraffic} variants)${d.ready ? '' : ` — not ready: ${d.utterances.length} utterances, the bot needs ${r.minUtterances}`}.`,
      );
    }
    out.push('', '`bots tune --apply` writes the ready drafts as intent files and adds them to the bot locale, for review.', '');
  } else if (fresh.length) out.push(`Candidate new intents: ${fresh.map((c) => `${quote(c.label)} (${c.count})`).join(', ')}.`, '');

  out.push('## Clusters', '');
  if (!r.clusters.length) out.push('No missed utterances in this window.', '');
  else {
    out.push('| # | missed | sessions | examples | nearest intent | runner-up | suggestion | first / last seen |', '|---:|---:|---:|---|---|---|---|---|');
    for (const c of r.clusters) {
      const ex = c.examples.slice(0, 3).map(quote).join(', ') + (c.distinct > 3 ? ` (+${c.distinct - 3})` : '');
      const near = c.nearest ? `${c.nearest.intent} (${c.nearest.confidence.toFixed(2)})` : '-';
      const runner = c.runnerUp ? `${c.runnerUp.intent} (${c.runnerUp.confidence.toFixed(2)})${c.ambiguous ? ' ⚠ ambiguous' : ''}` : '-';
      const seen = c.firstSeen ? `${c.firstSeen.slice(0, 16).replace('T', ' ')} / ${c.lastSeen!.slice(0, 16).replace('T', ' ')}` : '-';
      const variants = c.variants ? `; ${c.variants} spelling/transcription variant(s)` : '';
      const why = c.evidence ? `<br>${cell(c.evidence.reason)}` : '';
      out.push(`| ${c.id} | ${c.count} | ${c.sessions ?? 'n/a'} | ${ex} | ${near} | ${runner} | ${actionText(c)}${variants}${why} | ${seen} |`);
    }
    if (r.moreClusters.clusters) out.push('', `${r.moreClusters.clusters} smaller clusters (${r.moreClusters.count} missed turns) are not listed.`);
    out.push('');
    const variants = r.clusters.flatMap((c) => c.members.filter((m) => m.variantOf).map((m) => ({ m, c })));
    if (variants.length) {
      out.push('### Misspellings and transcription variants', '', 'These misses are variants of existing sample utterances: the variants the definitions want.', '');
      for (const { m } of variants.slice(0, 20)) out.push(`- ${quote(m.text)} (${m.count}) ~ ${quote(m.variantOf!.utterance)} of ${m.variantOf!.intent}`);
      out.push('');
    }
  }

  out.push('## Intents', '');
  out.push('| intent | hits | misses | miss rate | sample utterances |', '|---|---:|---:|---:|---:|');
  for (const i of r.intents) out.push(`| ${i.intent} | ${i.hits} | ${i.misses} | ${pct(i.missRate)} | ${i.sampleUtterances}${i.underMinimum ? ` ⚠ under ${r.minUtterances}` : ''} |`);
  out.push('', 'Misses of an intent are the missed turns whose cluster is suggested for it.', '');
  const under = r.intents.filter((i) => i.underMinimum);
  if (under.length) out.push(`Under the minimum of ${r.minUtterances} sample utterances: ${under.map((i) => i.intent).join(', ')}.`, '');

  out.push('## Intents the traffic confuses', '');
  if (!r.confusedPairs.length) out.push('None: no turn had two intents within 0.1 confidence of each other.', '');
  else {
    out.push('| intents | turns | examples |', '|---|---:|---|');
    for (const p of r.confusedPairs) out.push(`| ${p.intents.join(' / ')} | ${p.count} | ${p.examples.map(quote).join(', ')} |`);
    out.push('');
  }

  out.push('## How missed conversations ended', '');
  if (!r.outcomes) out.push('Not available: the source has no sessions (aggregated counts only).', '');
  else {
    const o = r.outcomes;
    const share = (n: number) => (o.sessions ? ` (${((n / o.sessions) * 100).toFixed(0)} %)` : '');
    out.push(
      `Of ${o.sessions} conversations with a missed turn: ${o.agentTransfer} went on to an agent transfer${share(o.agentTransfer)}, ` +
        `${o.recovered} recovered (a later turn was understood)${share(o.recovered)}, ${o.hangUp} ended without being understood again (hang-up)${share(o.hangUp)}.`,
      '',
    );
  }
  if (r.aggregated?.length) {
    out.push('## Most missed utterances (ListAggregatedUtterances)', '', '| utterance | missed | hit |', '|---|---:|---:|');
    for (const a of r.aggregated.slice(0, 10)) out.push(`| ${quote(a.utterance)} | ${a.missedCount} | ${a.hitCount} |`);
    out.push('');
  }
  return out.join('\n');
}
