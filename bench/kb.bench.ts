/**
 * Knowledge-base quality: hit@1 on held-out paraphrases of the FAQ questions
 * (bench/data/kb-paraphrases.ts), per locale. A hit: the top section is from the expected document
 * and its heading contains the expected fragment (document only when the fragment is empty).
 * - ours: the shipped local answerer (LocalKnowledgeBase: stop words, folding, heading boost,
 *   prefix/fuzzy, coverage gate, local guardrail). "No answer" counts as a miss.
 * - peer: plain MiniSearch (default options, same fields) over the same sections; top result.
 * Usage: npm run bench:kb [-- --json]
 */
import MiniSearch from 'minisearch';
import { LocalKnowledgeBase, loadFaq, type FaqSection } from '../fulfillment/clients/kb-local.js';
import { KNOWLEDGE_BASE_DIR } from '../fulfillment/local.js';
import type { Locale } from '../fulfillment/messages/types.js';
import { KB_PARAPHRASES } from './data/kb-paraphrases.js';

const sections = await loadFaq(KNOWLEDGE_BASE_DIR);
const ours = new LocalKnowledgeBase(sections);
const peers = new Map<string, MiniSearch<FaqSection>>();
for (const s of sections) {
  let p = peers.get(s.locale);
  if (!p) peers.set(s.locale, (p = new MiniSearch<FaqSection>({ fields: ['heading', 'body', 'title'], storeFields: ['doc', 'heading'] })));
  p.add(s);
}
const hit = (doc: string | undefined, heading: string | undefined, wantDoc: string, frag: string) => doc === wantDoc && (!frag || (heading ?? '').toLowerCase().includes(frag.toLowerCase()));

const rows: Record<string, { n: number; ours: number; peer: number; misses: string[] }> = {};
for (const [locale, q, doc, frag] of KB_PARAPHRASES) {
  const r = (rows[locale] ??= { n: 0, ours: 0, peer: 0, misses: [] });
  r.n++;
  const a = await ours.ask({ question: q, locale: locale as Locale });
  const loc = a.citations[0]?.location ?? '';
  const m = /^[a-z]{2}_[A-Z]{2}\/([^#]+)\.md#(.*)$/.exec(loc);
  if (a.found && hit(m?.[1], m?.[2], doc, frag)) r.ours++;
  else r.misses.push(q);
  const [top] = peers.get(locale)!.search(q);
  if (top && hit(String(top.doc), String(top.heading), doc, frag)) r.peer++;
}
const total = Object.values(rows).reduce((t, r) => ({ n: t.n + r.n, ours: t.ours + r.ours, peer: t.peer + r.peer }), { n: 0, ours: 0, peer: 0 });
if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, total }, null, 2));
else {
  const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)} %`;
  console.log('| locale | questions | ours hit@1 | plain MiniSearch hit@1 |\n|---|---|---|---|');
  for (const [l, r] of Object.entries(rows)) console.log(`| ${l} | ${r.n} | ${pct(r.ours, r.n)} | ${pct(r.peer, r.n)} |`);
  console.log(`| all | ${total.n} | ${pct(total.ours, total.n)} | ${pct(total.peer, total.n)} |`);
  for (const [l, r] of Object.entries(rows)) for (const q of r.misses) console.log(`miss ${l}: ${q}`);
}
