/**
 * Knowledge-base quality: hit@1 on paraphrases of the FAQ questions, per locale, on three sets: the
 * first 64 (bench/data/kb-paraphrases.ts), a fresh set written before the FAQ got its "Also asked
 * as" phrasings (bench/data/kb-paraphrases-fresh.ts) and the issue-16 helper's 140
 * (bench/data/kb-paraphrases-helper.ts), and "blind-1", the lead's first blind set (246, 2 per section
 * per locale; bench/data/kb-paraphrases-blind.ts), a development set since its measurement, and
 * "blind-2" (123, 1 per section per locale; bench/data/kb-paraphrases-blind2.ts), held out from everyone tuning. A hit: the top section is from the expected document and
 * its heading contains the expected fragment. Also how many off-topic questions each method
 * answers (bench/data/kb-offtopic.ts; want none).
 * - ours: the local answerer as the emulator and `bots chat` run it (LocalKnowledgeBase with the
 *   NLU's stems, concept synonyms and banking vocabulary, scripts/nlu/synonyms.ts; "Also asked as"
 *   field, boosts, prefix/fuzzy, per-unit scoring, coverage gate with the banking-topic path, local
 *   guardrail). "No answer" counts as a miss.
 * All four sets are development sets now (their misses were studied while the lexicon and the gate
 * were tuned); the lead's new blind set (not in the repository) gives the held-out figure.
 * - ours, plain terms: the same answerer with its built-in analyzer (no synonyms, no stemming).
 * - peer: plain MiniSearch (default options) over the same sections and fields; top result.
 * Usage: npm run bench:kb [-- --json]
 */
import MiniSearch from 'minisearch';
import { LocalKnowledgeBase, loadFaq, type FaqSection } from '../fulfillment/clients/kb-local.js';
import { KNOWLEDGE_BASE_DIR } from '../fulfillment/local.js';
import type { Locale } from '../fulfillment/messages/types.js';
import { knowledgeBaseAnalyzer } from '../scripts/emulator/local-fulfillment.js';
import { KB_PARAPHRASES } from './data/kb-paraphrases.js';
import { KB_PARAPHRASES_FRESH } from './data/kb-paraphrases-fresh.js';
import { KB_PARAPHRASES_HELPER } from './data/kb-paraphrases-helper.js';
import { KB_PARAPHRASES_BLIND } from './data/kb-paraphrases-blind.js';
import { KB_PARAPHRASES_BLIND2 } from './data/kb-paraphrases-blind2.js';
import { KB_OFF_TOPIC } from './data/kb-offtopic.js';

const sections = await loadFaq(KNOWLEDGE_BASE_DIR);
const methods = {
  ours: new LocalKnowledgeBase(sections, { analyzer: knowledgeBaseAnalyzer }),
  plain: new LocalKnowledgeBase(sections),
};
const peers = new Map<string, MiniSearch<FaqSection>>();
for (const s of sections) {
  let p = peers.get(s.locale);
  if (!p) peers.set(s.locale, (p = new MiniSearch<FaqSection>({ fields: ['heading', 'questions', 'body', 'title'], storeFields: ['doc', 'heading'] })));
  p.add(s);
}
const hit = (doc: string | undefined, heading: string | undefined, wantDoc: string, frag: string) => doc === wantDoc && (!frag || (heading ?? '').toLowerCase().includes(frag.toLowerCase()));

interface Row { n: number; ours: number; plain: number; peer: number; misses: string[] }
async function run(set: [string, string, string, string][]) {
  const rows: Record<string, Row> = {};
  for (const [locale, q, doc, frag] of set) {
    const r = (rows[locale] ??= { n: 0, ours: 0, plain: 0, peer: 0, misses: [] });
    r.n++;
    for (const name of ['ours', 'plain'] as const) {
      const a = await methods[name].ask({ question: q, locale: locale as Locale });
      const m = /^[a-z]{2}_[A-Z]{2}\/([^#]+)\.md#(.*)$/.exec(a.citations[0]?.location ?? '');
      if (a.found && hit(m?.[1], m?.[2], doc, frag)) r[name]++;
      else if (name === 'ours') r.misses.push(`${q} → ${a.found ? `${m?.[1]}#${m?.[2]}` : 'no answer'}`);
    }
    const [top] = peers.get(locale)!.search(q);
    if (top && hit(String(top.doc), String(top.heading), doc, frag)) r.peer++;
  }
  const total = Object.values(rows).reduce((t, r) => ({ n: t.n + r.n, ours: t.ours + r.ours, plain: t.plain + r.plain, peer: t.peer + r.peer }), { n: 0, ours: 0, plain: 0, peer: 0 });
  return { rows, total };
}

const sets = { first: await run(KB_PARAPHRASES), fresh: await run(KB_PARAPHRASES_FRESH), helper: await run(KB_PARAPHRASES_HELPER), 'blind-1': await run(KB_PARAPHRASES_BLIND), 'blind-2': await run(KB_PARAPHRASES_BLIND2) };
// Off-topic questions: how many each method answers (want 0; the peer has no gate).
const offTopic = { n: KB_OFF_TOPIC.length, ours: 0, plain: 0, peer: 0 };
for (const [locale, q] of KB_OFF_TOPIC) {
  for (const name of ['ours', 'plain'] as const) if ((await methods[name].ask({ question: q, locale: locale as Locale })).found) offTopic[name]++;
  if (peers.get(locale)!.search(q).length) offTopic.peer++;
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ ...sets, offTopic }, null, 2));
else {
  const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)} %`;
  console.log('| set | locale | questions | ours hit@1 | ours, plain terms | plain MiniSearch hit@1 |\n|---|---|---|---|---|---|');
  for (const [name, { rows, total }] of Object.entries(sets)) {
    for (const [l, r] of Object.entries(rows)) console.log(`| ${name} | ${l} | ${r.n} | ${pct(r.ours, r.n)} | ${pct(r.plain, r.n)} | ${pct(r.peer, r.n)} |`);
    console.log(`| ${name} | all | ${total.n} | ${pct(total.ours, total.n)} | ${pct(total.plain, total.n)} | ${pct(total.peer, total.n)} |`);
  }
  console.log(`| off-topic answered (want 0) | all | ${offTopic.n} | ${pct(offTopic.ours, offTopic.n)} | ${pct(offTopic.plain, offTopic.n)} | ${pct(offTopic.peer, offTopic.n)} |`);
  for (const [name, { rows }] of Object.entries(sets)) for (const [l, r] of Object.entries(rows)) for (const q of r.misses) console.log(`miss ${name} ${l}: ${q}`);
}
