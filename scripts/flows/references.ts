/**
 * References by name inside flow files: a parameter value `{{kind:Name}}` stands for the ARN (or id,
 * or number) of a resource that differs per region, resolved by `bots deploy` and by the simulator.
 *
 * | reference | resolves to |
 * |---|---|
 * | `{{bot:SelfService}}` / `{{bot:SelfService/live}}` | the alias ARN of the bot's alias in the region (default alias: the target's) |
 * | `{{lambda:CustomerLookup}}` | the Lambda ARN `flows/instance.yaml` names (a fulfillment stack output or an ARN per region) |
 * | `{{queue:VIP}}` | the queue ARN, looked up by name in the region's Connect instance |
 * | `{{hoursOfOperation:Support}}` | the hours of operation ARN, by name |
 * | `{{prompt:HoldMusic}}` | the prompt ARN, by name |
 * | `{{flow:SelfServiceQueue}}` | the ARN of another flow of `flows/`, deployed first |
 * | `{{phoneNumber:SpanishLine}}` | the E.164 number of that name in the region |
 *
 * @module
 */
import type { NodePath } from '../definitions/source.js';

/** The kinds of reference. */
export const REFERENCE_KINDS = ['bot', 'lambda', 'queue', 'hoursOfOperation', 'prompt', 'flow', 'phoneNumber'] as const;

/** One of {@link REFERENCE_KINDS}. */
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A reference found in a flow file. */
export interface FlowReference {
  kind: ReferenceKind;
  name: string;
  /** The alias of a `bot` reference, when written (`{{bot:Name/alias}}`). */
  alias?: string;
  /** The exact text, e.g. `{{queue:VIP}}`. */
  text: string;
  /** Path of the JSON value inside the flow file. */
  path: NodePath;
}

/** A `{{...}}` that is not a valid reference. */
export interface BadReference {
  text: string;
  path: NodePath;
}

const PATTERN = /\{\{\s*([A-Za-z]+)\s*:\s*([^{}]+?)\s*\}\}/g;
const ANY = /\{\{[^}]*\}\}/g;

/** Whether `value` holds any `{{...}}` placeholder. */
export function hasPlaceholder(value: string): boolean {
  return value.includes('{{');
}

/** Every reference (and malformed placeholder) in a JSON value, with the path of the string holding it. */
export function findReferences(value: unknown, path: NodePath = []): { references: FlowReference[]; bad: BadReference[] } {
  const references: FlowReference[] = [];
  const bad: BadReference[] = [];
  const walk = (v: unknown, p: NodePath) => {
    if (typeof v === 'string') {
      if (!hasPlaceholder(v)) return;
      const good = new Set<string>();
      for (const m of v.matchAll(PATTERN)) {
        const kind = m[1] as ReferenceKind;
        if (!(REFERENCE_KINDS as readonly string[]).includes(kind)) continue;
        const [name, alias] = kind === 'bot' ? m[2]!.split('/', 2) : [m[2]!];
        references.push({ kind, name: name!, ...(alias ? { alias } : {}), text: m[0], path: p });
        good.add(m[0]);
      }
      for (const m of v.matchAll(ANY)) if (!good.has(m[0])) bad.push({ text: m[0], path: p });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...p, i]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    }
  };
  walk(value, path);
  return { references, bad };
}

/** Resolves one reference to its value, or undefined when it cannot be resolved. */
export type ReferenceResolver = (ref: Omit<FlowReference, 'path' | 'text'>) => string | undefined;

/** A reference that could not be resolved. */
export class UnresolvedReferenceError extends Error {
  constructor(
    readonly references: string[],
    where: string,
  ) {
    super(`Cannot resolve ${references.join(', ')} in ${where}.`);
    this.name = 'UnresolvedReferenceError';
  }
}

/**
 * A deep copy of `value` with every reference replaced by what `resolve` returns.
 * @throws UnresolvedReferenceError listing every reference `resolve` has no value for.
 */
export function resolveReferences<T>(value: T, resolve: ReferenceResolver, where: string): T {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!hasPlaceholder(v)) return v;
      return v.replace(PATTERN, (text, kind: string, body: string) => {
        if (!(REFERENCE_KINDS as readonly string[]).includes(kind)) return text;
        const [name, alias] = kind === 'bot' ? body.split('/', 2) : [body];
        const out = resolve({ kind: kind as ReferenceKind, name: name!, ...(alias ? { alias } : {}) });
        if (out === undefined) missing.add(text);
        return out ?? text;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value) as T;
  if (missing.size) throw new UnresolvedReferenceError([...missing], where);
  return out;
}
