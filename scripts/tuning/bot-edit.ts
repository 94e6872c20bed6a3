/**
 * Edits of a bot file (`bots/<Bot>.yaml`) for `bots tune --apply`: list a new intent in a bot
 * locale, and record under another locale's `missingIntents` why it lacks the intent for now (the
 * `locales/same-intents` rule's exception, the same entry `bots translate` writes and removes).
 *
 * Each edit is made as text at the node ranges of the parsed document, so comments, flow lists and
 * every other line stay as written; the text edit is kept only when it reads back as exactly what
 * the `yaml` Document API edit gives, else the Document API's output is used (comments kept, no
 * re-wrapping).
 * @see https://eemeli.org/yaml/#documents
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/how-languages.html
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** The `FallbackIntent` a locale's list ends with: new intents go before it. */
const FALLBACK = 'FallbackIntent';

/** `text` with `edit` applied, as a text edit when `textEdit` gives one that reads back right. */
function editYaml(text: string, edit: (doc: Document) => void, textEdit: (doc: Document.Parsed) => string | undefined): string {
  const doc = parseDocument(text);
  const expected = parseDocument(text);
  edit(expected);
  const want = expected.toJS();
  const out = textEdit(doc);
  if (out !== undefined && isDeepStrictEqual(parseDocument(out).toJS(), want)) return out;
  return expected.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Start of the line holding offset `at`. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just after the line holding offset `at` (its newline included). */
function lineEnd(text: string, at: number): number {
  const eol = text.indexOf('\n', at);
  return eol === -1 ? text.length : eol + 1;
}

/** `text` with `insert` (whole lines) placed after the line holding `at` (a node's end: just after a newline when the node ends a line). */
function insertLinesAfter(text: string, at: number, insert: string): string {
  const end = at > 0 && text[at - 1] === '\n' ? at : lineEnd(text, at);
  const pad = end === text.length && !text.endsWith('\n') ? '\n' : '';
  return `${text.slice(0, end)}${pad}${insert}${text.slice(end)}`;
}

/**
 * Bot file text with intent `name` listed in `locales.<localeId>.intents`, before FallbackIntent
 * (else last). Unchanged when it is listed already.
 * @throws Error when the bot file has no such locale.
 */
export function withIntentListed(text: string, localeId: string, name: string): string {
  const list = parseDocument(text).getIn(['locales', localeId, 'intents'], true);
  if (list === undefined) throw new Error(`The bot file has no locale ${localeId} with an intents list.`);
  const names = isSeq(list) ? list.items.map((i) => (isScalar(i) ? String(i.value) : '')) : [];
  if (names.includes(name)) return text;
  const at = names.indexOf(FALLBACK);
  const wanted = [...names];
  wanted.splice(at >= 0 ? at : names.length, 0, name);
  return editYaml(
    text,
    (doc) => {
      const seq = doc.createNode(wanted);
      seq.flow = isSeq(list) ? Boolean(list.flow) : true;
      doc.setIn(['locales', localeId, 'intents'], seq);
    },
    (doc) => {
      const seq = doc.getIn(['locales', localeId, 'intents'], true);
      if (!isSeq(seq) || !seq.items.length) return undefined;
      const before = at >= 0 ? (seq.items[at] as Node) : undefined;
      const last = seq.items.at(-1) as Node;
      if (seq.flow) {
        if (before?.range) return `${text.slice(0, before.range[0])}${name}, ${text.slice(before.range[0])}`;
        return last.range ? `${text.slice(0, last.range[1])}, ${name}${text.slice(last.range[1])}` : undefined;
      }
      const anchor = before ?? last;
      if (!anchor.range) return undefined;
      const start = lineStart(text, anchor.range[0]);
      const dash = /^(\s*)-\s+$/.exec(text.slice(start, anchor.range[0]));
      if (!dash) return undefined;
      const line = `${dash[1]}- ${name}\n`;
      return before ? `${text.slice(0, start)}${line}${text.slice(start)}` : insertLinesAfter(text, anchor.range[1], line);
    },
  );
}

/**
 * Bot file text with `name: reason` under `locales.<localeId>.missingIntents` (created when the
 * locale has none). Unchanged when the entry exists.
 * @throws Error when the bot file has no such locale.
 */
export function withMissingIntent(text: string, localeId: string, name: string, reason: string): string {
  const parsed = parseDocument(text);
  if (!isMap(parsed.getIn(['locales', localeId], true))) throw new Error(`The bot file has no locale ${localeId}.`);
  if (parsed.getIn(['locales', localeId, 'missingIntents', name]) !== undefined) return text;
  const value = JSON.stringify(reason);
  return editYaml(
    text,
    (doc) => {
      if (!isMap(doc.getIn(['locales', localeId, 'missingIntents'], true))) doc.setIn(['locales', localeId, 'missingIntents'], doc.createNode({}));
      doc.setIn(['locales', localeId, 'missingIntents', name], reason);
    },
    (doc) => {
      const locale = doc.getIn(['locales', localeId], true);
      if (!isMap(locale) || locale.flow || !locale.items.length) return undefined;
      const keyColumn = (n: unknown) => {
        const r = (n as Node | undefined)?.range;
        return r ? r[0] - lineStart(text, r[0]) : undefined;
      };
      const endOf = (pair: (typeof locale.items)[number]) => ((pair.value as Node | null)?.range ?? (pair.key as Node).range)?.[1];
      const missing = doc.getIn(['locales', localeId, 'missingIntents'], true);
      if (isMap(missing) && !missing.flow && missing.items.length) {
        const col = keyColumn(missing.items[0]!.key);
        const end = endOf(missing.items.at(-1)!);
        if (col === undefined || end === undefined) return undefined;
        return insertLinesAfter(text, end, `${' '.repeat(col)}${name}: ${value}\n`);
      }
      if (missing !== undefined) return undefined;
      const col = keyColumn(locale.items[0]!.key);
      const end = endOf(locale.items.at(-1)!);
      if (col === undefined || end === undefined) return undefined;
      // One more indentation step than the locale's keys, the step the file uses from the locale id to its keys.
      const locales = doc.get('locales', true);
      const idColumn = isMap(locales) ? keyColumn(locales.items.find((p) => isScalar(p.key) && String(p.key.value) === localeId)?.key) : undefined;
      const inner = col + (idColumn !== undefined && col > idColumn ? col - idColumn : 2);
      return insertLinesAfter(text, end, `${' '.repeat(col)}missingIntents:\n${' '.repeat(inner)}${name}: ${value}\n`);
    },
  );
}
