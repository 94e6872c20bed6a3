/**
 * Lex V2 conversation logs exported from CloudWatch Logs: one JSON record per line, optionally
 * gzipped (an S3 export writes `000000.gz` files whose lines start with the event's ISO timestamp),
 * many files. Files are read as streams (`node:readline` over `fs` streams and `zlib`), never whole
 * into memory, so a million lines cost the memory of the aggregates only.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/conversation-logs-cw.html (record format)
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3Export.html (S3 export)
 * @module
 */
import { createReadStream, existsSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { LogLineProblem, Turn } from './types.js';

/** Result of {@link parseLogLine}: a turn, a blank line to skip, or why the line is not a record. */
export type ParsedLine = { kind: 'turn'; turn: Turn } | { kind: 'blank' } | { kind: 'error'; message: string };

/** `2024-05-01T10:00:00.000Z ` at the start of a line of a CloudWatch Logs S3 export. */
const EXPORT_PREFIX = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z?\s+(?=\{)/;
const SLOT_PLACEHOLDER = /^\{[A-Za-z0-9_-]+\}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The NLU confidence of an interpretation: documented as a string in the log guide, a number in
 * Lambda events and `{score}` in the runtime API; all three are read. Undefined when absent or not
 * a number in [0, 1].
 */
export function confidenceOf(v: unknown): number | undefined {
  const raw = isObject(v) ? v.score : v;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
}

/** Timestamp in ms from an ISO 8601 string or epoch milliseconds; undefined when unreadable. */
function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * Parses one line of a Lex V2 conversation log (JSON text log, `"message-version": "2.0"`), with
 * or without the ISO timestamp a CloudWatch Logs S3 export puts in front of it.
 *
 * Required: `sessionId` (string), `timestamp` (ISO 8601 or epoch ms), `inputTranscript` (string) and
 * `missedUtterance` (boolean, or the strings "true"/"false"). Everything else is optional, as Lex
 * says the format may gain fields without a version change. Never throws.
 *
 * @example parseLogLine('{"sessionId":"s1","timestamp":"2024-05-01T10:00:00Z","inputTranscript":"hi","missedUtterance":true}')
 */
export function parseLogLine(line: string): ParsedLine {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(EXPORT_PREFIX, ''));
  } catch (err) {
    return { kind: 'error', message: `not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!isObject(doc)) return { kind: 'error', message: 'not a JSON object' };
  const sessionId = str(doc.sessionId);
  if (!sessionId) return { kind: 'error', message: 'not a Lex V2 conversation-log record: no "sessionId" string' };
  const timestamp = timeOf(doc.timestamp);
  if (timestamp === undefined) return { kind: 'error', message: 'no readable "timestamp" (ISO 8601 or epoch milliseconds)' };
  const transcript = doc.inputTranscript;
  if (typeof transcript !== 'string') return { kind: 'error', message: 'no "inputTranscript" string' };
  const missedRaw = doc.missedUtterance;
  const missed = missedRaw === true || missedRaw === 'true' ? true : missedRaw === false || missedRaw === 'false' ? false : undefined;
  if (missed === undefined) return { kind: 'error', message: 'no "missedUtterance" boolean' };

  const bot = isObject(doc.bot) ? doc.bot : {};
  const state = isObject(doc.sessionState) ? doc.sessionState : {};
  const intent = isObject(state.intent) ? state.intent : {};
  const action = isObject(state.dialogAction) ? state.dialogAction : {};
  const turn: Turn = { timestamp, sessionId, utterance: transcript, missed };
  const set = <K extends keyof Turn>(k: K, v: Turn[K] | undefined) => {
    if (v !== undefined) turn[k] = v;
  };
  set('intent', str(intent.name));
  set('intentState', str(intent.state));
  set('dialogActionType', str(action.type));
  set('botId', str(bot.id));
  set('botName', str(bot.name));
  set('botAliasId', str(bot.aliasId));
  set('botVersion', str(bot.version));
  set('localeId', str(bot.localeId));
  set('inputMode', str(doc.inputMode));
  if (Array.isArray(doc.interpretations)) {
    const interpretations: NonNullable<Turn['interpretations']> = [];
    for (const i of doc.interpretations) {
      if (!isObject(i)) continue;
      const name = isObject(i.intent) ? str(i.intent.name) : undefined;
      if (!name) continue;
      const confidence = confidenceOf(i.nluConfidence);
      interpretations.push(confidence === undefined ? { intent: name } : { intent: name, confidence });
    }
    if (interpretations.length) turn.interpretations = interpretations;
  }
  // A missed slot value: Lex re-prompts for a slot of the (real) intent instead of falling back.
  const retry = missed && turn.dialogActionType === 'ElicitSlot' && turn.intent !== undefined && turn.intent !== 'FallbackIntent';
  if (SLOT_PLACEHOLDER.test(transcript) || retry) turn.slotAnswer = true;
  return { kind: 'turn', turn };
}

/** Counts of one {@link readLogFiles} run. */
export interface LogReadStats {
  files: number;
  lines: number;
  turns: number;
  problems: number;
  /** Bytes read from disk (compressed size for .gz files). */
  bytes: number;
}

/** Options of {@link readLogFiles}. */
export interface ReadLogOptions {
  onTurn(turn: Turn): void;
  /** A malformed line (skipped). Default: ignored (still counted). */
  onProblem?(problem: LogLineProblem): void;
  /** Called after each file with the running totals. */
  onFile?(file: string, stats: LogReadStats): void;
}

/** Whether a file starts with the gzip magic bytes 1f 8b (RFC 1952), whatever its name. */
export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams every line of `files` (plain or gzipped, detected by content) through
 * {@link parseLogLine}, one file after the other. Malformed lines go to `onProblem` with their
 * file and 1-based line number and are skipped.
 * @throws Error when a file cannot be read or a gzip stream is corrupt (names the file).
 */
export async function readLogFiles(files: readonly string[], options: ReadLogOptions): Promise<LogReadStats> {
  const stats: LogReadStats = { files: 0, lines: 0, turns: 0, problems: 0, bytes: 0 };
  for (const file of files) {
    const gz = isGzipFile(file);
    const raw = createReadStream(file);
    raw.on('data', (chunk) => (stats.bytes += chunk.length));
    const input = gz ? raw.pipe(createGunzip()) : raw;
    // Errors of the raw stream (unreadable file) do not travel through pipe(): forward them.
    if (gz) raw.on('error', (err) => input.destroy(err));
    const lines = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    try {
      for await (const line of lines) {
        n++;
        stats.lines++;
        const parsed = parseLogLine(line);
        if (parsed.kind === 'turn') {
          stats.turns++;
          options.onTurn(parsed.turn);
        } else if (parsed.kind === 'error') {
          stats.problems++;
          options.onProblem?.({ file, line: n, message: parsed.message });
        }
      }
    } catch (err) {
      throw new Error(`${file}: cannot read${gz ? ' (gzip)' : ''} after line ${n}: ${err instanceof Error ? err.message : String(err)}`);
    }
    stats.files++;
    options.onFile?.(file, stats);
  }
  return stats;
}

const GLOB_CHARS = /[*?[]/;

/** A glob pattern as a regular expression over `/`-separated relative paths (`**`, `*`, `?`, `[...]`). */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/**
 * Expands `--logs` arguments to files, sorted and without duplicates: a file as is, a folder to
 * every file below it, a glob (`logs/**\/*.gz`, `export/000*.gz`) to the files it matches (the
 * shell usually expands globs first; quoted ones are expanded here).
 * @throws Error naming an argument that matches nothing.
 */
export function expandLogPaths(patterns: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    if (!GLOB_CHARS.test(pattern)) {
      if (!existsSync(abs)) throw new Error(`${pattern}: no such file or folder`);
      if (statSync(abs).isDirectory()) {
        const files: string[] = [];
        walk(abs, files);
        files.forEach((f) => out.add(f));
      } else out.add(abs);
      continue;
    }
    // The folder before the first segment with a wildcard is walked; the rest is matched.
    const parts = abs.split(sep);
    const first = parts.findIndex((p) => GLOB_CHARS.test(p));
    const base = parts.slice(0, first).join(sep) || sep;
    const matcher = globToRegExp(parts.slice(first).join('/'));
    const files: string[] = [];
    if (existsSync(base)) walk(base, files);
    const matched = files.filter((f) => matcher.test(relative(base, f).split(sep).join('/')));
    if (!matched.length) throw new Error(`${pattern}: matches no file`);
    matched.forEach((f) => out.add(f));
  }
  return [...out].sort();
}
