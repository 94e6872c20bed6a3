/**
 * Review rules for machine-translated drafts (`bots translate`): a drafted intent, slot type or SSML
 * prompt warns until a native speaker has reviewed it, and a translation warns when its source
 * changed since it was made.
 *
 * The marker is the `review:` block of an intent or slot type file, or a leading XML comment of an
 * SSML prompt: `<!-- review: status=machine-translated from=en_US sourceHash=sha256:… draftHash=sha256:… -->`.
 * This module also owns the marker's text format, which `bots translate` writes.
 * @module
 */
import { createHash } from 'node:crypto';
import type { ReviewMarker } from '../../definitions/model.js';
import type { RuleContext, RuleFamily } from '../rule.js';

const DOC = 'docs/locales.md#review';

/** `sha256:<hex>` of `text` (UTF-8). */
export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

const SSML_MARKER = /^(\s*)<!--\s*review:([\s\S]*?)-->[ \t]*\r?\n?/;

/** The review marker of an SSML prompt (a leading `<!-- review: … -->` comment), if any. */
export function parseSsmlReview(text: string): ReviewMarker | undefined {
  const m = SSML_MARKER.exec(text);
  if (!m) return undefined;
  const fields = new Map<string, string>();
  const notes: string[] = [];
  for (const line of m[2]!.split('\n')) {
    const note = /^\s*note:\s*(.*?)\s*$/.exec(line);
    if (note) {
      notes.push(note[1]!);
      continue;
    }
    for (const kv of line.matchAll(/([A-Za-z]+)=(\S+)/g)) fields.set(kv[1]!, kv[2]!);
  }
  const status = fields.get('status');
  return {
    status: status === 'reviewed' ? 'reviewed' : 'machine-translated',
    from: fields.get('from') ?? '',
    sourceHash: fields.get('sourceHash') ?? '',
    ...(fields.get('draftHash') ? { draftHash: fields.get('draftHash') } : {}),
    ...(fields.get('translatedAt') ? { translatedAt: fields.get('translatedAt') } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** The SSML prompt without its review marker comment. */
export function stripSsmlReview(text: string): string {
  return text.replace(SSML_MARKER, '$1');
}

/** Formats the SSML marker comment (one line, plus one line per note), ending with a newline. */
export function formatSsmlReview(marker: ReviewMarker): string {
  const head = [`status=${marker.status}`, `from=${marker.from}`, `sourceHash=${marker.sourceHash}`];
  if (marker.draftHash) head.push(`draftHash=${marker.draftHash}`);
  if (marker.translatedAt) head.push(`translatedAt=${marker.translatedAt}`);
  // "--" may not appear inside an XML comment.
  const notes = (marker.notes ?? []).map((n) => `\n     note: ${n.replace(/-{2,}/g, '-').replace(/\s+/g, ' ')}`);
  return `<!-- review: ${head.join(' ')}${notes.join('')} -->\n`;
}

/** A YAML definition file's text without its top-level `review:` block (what `draftHash` covers). */
export function stripYamlReview(text: string): string {
  return text.replace(/^review:.*\r?\n(?:(?:[ \t]+.*|[ \t]*)\r?\n)*/m, '');
}

/** Draft hash of a file: its text without the review marker. */
export function draftHashOf(file: string, text: string): string {
  return sha256(file.endsWith('.ssml') ? stripSsmlReview(text) : stripYamlReview(text));
}

function sourceFile(file: string, from: string): string {
  const parts = file.split('/');
  parts[parts.length - 2] = from;
  return parts.join('/');
}

/** Review rules. */
export const reviewRules: RuleFamily = {
  rules: [
    { id: 'review/machine-translated', severity: 'warning', description: 'A file drafted by bots translate has not been reviewed by a native speaker yet (review status machine-translated).', source: DOC },
    { id: 'review/source-changed', severity: 'warning', description: 'The source file of a translation changed after the translation was made: re-run bots translate or update the translation.', source: DOC },
  ],

  checkProject(ctx) {
    const check = (file: string, marker: ReviewMarker, at: Parameters<RuleContext['report']>[1], sourceText: string | undefined) => {
      if (marker.status === 'machine-translated') {
        const notes = marker.notes?.length ? ` Check in particular: ${marker.notes.join(' | ')}` : '';
        ctx.report('review/machine-translated', at, `${file} is a machine translation from ${marker.from} that no one has reviewed yet.${notes}`,
          'Have a native speaker read and correct it (utterances as callers say them, prompts aloud with bots ssml preview), then set the review status to reviewed or delete the review marker.');
      }
      if (sourceText !== undefined && marker.sourceHash && sha256(sourceText) !== marker.sourceHash) {
        ctx.report('review/source-changed', at, `${sourceFile(file, marker.from)} changed after ${file} was translated from it.`,
          marker.status === 'machine-translated' ? 'Run bots translate again: it re-translates only what changed.' : 'Update the translation by hand (or bots translate --force), then update sourceHash.');
      }
    };
    const yamlText = (file: string) => ctx.project.sources.get(file)?.text;
    for (const byName of ctx.project.intents.values()) {
      for (const intent of byName.values()) {
        if (intent.review) check(intent.file, intent.review, { file: intent.file, path: ['review'], key: true }, yamlText(sourceFile(intent.file, intent.review.from)));
      }
    }
    for (const byName of ctx.project.slotTypes.values()) {
      for (const st of byName.values()) {
        if (st.review) check(st.file, st.review, { file: st.file, path: ['review'], key: true }, yamlText(sourceFile(st.file, st.review.from)));
      }
    }
    for (const byId of ctx.project.ssml.values()) {
      for (const prompt of byId.values()) {
        const marker = parseSsmlReview(prompt.text);
        if (!marker) continue;
        const line = (/^\s*/.exec(prompt.text)![0].match(/\n/g) ?? []).length + 1;
        check(prompt.file, marker, { file: prompt.file, line, column: 1 }, ctx.project.ssml.get(marker.from)?.get(prompt.id)?.text);
      }
    }
  },
};
