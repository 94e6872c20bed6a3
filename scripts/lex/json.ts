/**
 * JSON helpers for the LexJson round trip: the deep merge that applies a `lex:` passthrough on
 * export, and the sparse diff that computes it on import. Both follow one rule set:
 *
 * - `null` and an absent key are the same (real exports write every optional key as `null`);
 * - plain objects merge key by key; arrays and scalars replace as a whole.
 *
 * So for any original `o` and generated `g`: `equalJson(deepMerge(g, diffJson(o, g).patch), o)`.
 * @module
 */

/** A JSON object as parsed by `JSON.parse`. */
export type JsonObject = { [key: string]: unknown };

/** Whether `v` is a plain JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/** An own property only: `o['__proto__']` would otherwise read the prototype. */
const own = (o: JsonObject, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** Sets an own property, even one named `__proto__` (exports are untrusted input; `o[k] = v` would change the prototype). */
function setKey(o: JsonObject, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * `patch` merged over `base`: objects merge recursively, arrays and scalars (including `null`)
 * replace. Neither argument is modified.
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return cloneJson(base);
  if (!isPlainObject(patch) || !isPlainObject(base)) return cloneJson(patch);
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(patch)) setKey(out, k, isPlainObject(v) && isPlainObject(own(out, k)) ? deepMerge(own(out, k), v) : cloneJson(v));
  return out;
}

/** `v` with every `null`-valued object key removed, recursively (array elements are kept). */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isPlainObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!isNullish(x)) setKey(out, k, dropNulls(x));
  return out;
}

/** Deep equality where `null` equals an absent key and object key order does not matter. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (isNullish(a) || isNullish(b)) return isNullish(a) && isNullish(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equalJson(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!equalJson(own(a, k), own(b, k))) return false;
    return true;
  }
  return a === b;
}

/** Result of {@link diffJson}. */
export interface JsonDiff {
  /** Sparse object that turns the generated JSON into the original under {@link deepMerge}; undefined when equal. */
  patch?: JsonObject;
  /** Dotted key paths of every value the patch sets verbatim. */
  paths: string[];
}

/**
 * What must be merged over `generated` to get `original`: every differing key path with the
 * original's value verbatim (`null` where the original lacks a key the generated JSON has).
 *
 * @param ignore - top-level keys not compared (e.g. `identifier`).
 */
export function diffJson(original: JsonObject, generated: JsonObject, ignore: readonly string[] = []): JsonDiff {
  const paths: string[] = [];
  const o: JsonObject = { ...original };
  const g: JsonObject = { ...generated };
  for (const k of ignore) {
    delete o[k];
    delete g[k];
  }
  const patch = diffObjects(o, g, [], paths);
  return patch ? { patch, paths } : { paths };
}

function diffObjects(o: JsonObject, g: JsonObject, path: string[], paths: string[]): JsonObject | undefined {
  const patch: JsonObject = {};
  for (const k of new Set([...Object.keys(o), ...Object.keys(g)])) {
    const ov = own(o, k);
    const gv = own(g, k);
    const at = [...path, k];
    if (isNullish(ov) && isNullish(gv)) continue;
    if (isPlainObject(ov) && isPlainObject(gv)) {
      const sub = diffObjects(ov, gv, at, paths);
      if (sub) setKey(patch, k, sub);
      continue;
    }
    if (equalJson(ov, gv)) continue;
    setKey(patch, k, isNullish(ov) ? null : cloneJson(ov));
    paths.push(at.join('.'));
  }
  return Object.keys(patch).length ? patch : undefined;
}
