/**
 * Reading and checking request members, and the list mechanics every List* operation shares
 * (one name filter, sort, `maxResults`/`nextToken` pages). Violations become ValidationExceptions
 * worded like Lex's.
 * @module
 */
import type { EmulatorRequest } from '../contracts.js';
import { constraint, validation } from '../errors.js';

/** A JSON request body. */
export type Body = Record<string, unknown>;

/** The JSON body of `req` as an object (`{}` when empty). */
export function bodyOf(req: EmulatorRequest): Body {
  if (req.body === undefined || req.body === null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw validation('The request body must be a JSON object.');
  return req.body as Body;
}

/** Lex's pattern for bot, alias, intent, slot and slot type names. */
export const NAME_PATTERN = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** A required string member. */
export function reqStr(b: Body, key: string): string {
  const v = b[key];
  if (v === undefined || v === null) throw constraint(key, v, 'Member must not be null');
  if (typeof v !== 'string') throw validation(`Value at '${key}' must be a string.`);
  return v;
}

/** An optional string member. */
export function optStr(b: Body, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(`Value at '${key}' must be a string.`);
  return v;
}

/** A required number member. */
export function reqNum(b: Body, key: string): number {
  const v = b[key];
  if (v === undefined || v === null) throw constraint(key, v, 'Member must not be null');
  if (typeof v !== 'number' || !Number.isFinite(v)) throw validation(`Value at '${key}' must be a number.`);
  return v;
}

/** An optional number member. */
export function optNum(b: Body, key: string): number | undefined {
  return b[key] === undefined || b[key] === null ? undefined : reqNum(b, key);
}

/** An optional boolean member. */
export function optBool(b: Body, key: string): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validation(`Value at '${key}' must be a boolean.`);
  return v;
}

/**
 * An optional structure member, typed as the SDK shape. Only its JSON kind is checked: the
 * emulator stores what it is sent, like Lex, and checks the members it acts on.
 */
export function optObj<T>(b: Body, key: string): T | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw validation(`Value at '${key}' must be an object.`);
  return v as T;
}

/** A required structure member. */
export function reqObj<T>(b: Body, key: string): T {
  const v = optObj<T>(b, key);
  if (v === undefined) throw constraint(key, v, 'Member must not be null');
  return v;
}

/** An optional list member. */
export function optArr<T>(b: Body, key: string): T[] | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw validation(`Value at '${key}' must be a list.`);
  return v as T[];
}

/** Checks a resource name against {@link NAME_PATTERN}. */
export function checkName(member: string, value: string): void {
  if (value.length < 1 || value.length > 100) throw constraint(member, value, 'Member must have length between 1 and 100');
  if (!NAME_PATTERN.test(value)) throw constraint(member, value, `Member must satisfy regular expression pattern: ${NAME_PATTERN.source}`);
}

/** Checks `min <= value <= max`. */
export function checkRange(member: string, value: number, min: number, max: number): void {
  if (value < min) throw constraint(member, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(member, value, `Member must have value less than or equal to ${max}`);
}

/** Checks a string's length. */
export function checkLength(member: string, value: string | undefined, min: number, max: number): void {
  if (value !== undefined && (value.length < min || value.length > max)) {
    throw constraint(member, value, `Member must have length ${min === 0 ? `less than or equal to ${max}` : `between ${min} and ${max}`}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Lists

/** A list filter as every List* request sends it. */
export interface NameFilter {
  name: string;
  values: string[];
  operator: string;
}

/** Page size when `maxResults` is omitted. Lex does not document its default; 10 keeps clients honest about paging. */
export const DEFAULT_PAGE_SIZE = 10;

/** `maxResults` (1-1000) or the default. */
export function pageSize(b: Body, fallback = DEFAULT_PAGE_SIZE): number {
  const n = optNum(b, 'maxResults');
  if (n === undefined) return fallback;
  checkRange('maxResults', n, 1, 1000);
  return Math.floor(n);
}

/** Opaque page tokens: the offset of the next item. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string): number {
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // falls through
  }
  throw validation('The nextToken is not valid.');
}

/** One page of `items` from the request's `nextToken` and `maxResults`. */
export function paginate<T>(items: readonly T[], b: Body, fallbackSize = DEFAULT_PAGE_SIZE): { items: T[]; nextToken?: string } {
  const token = optStr(b, 'nextToken');
  const from = token ? decodeToken(token) : 0;
  const size = pageSize(b, fallbackSize);
  const page = items.slice(from, from + size);
  return from + size < items.length ? { items: page, nextToken: encodeToken(from + size) } : { items: page };
}

/**
 * Applies the request's `filters` (Lex allows exactly one) to `items`. `EQ` matches exactly, `CO`
 * is a substring test, `NE` the negation of `EQ`.
 */
export function applyFilters<T>(
  items: readonly T[],
  b: Body,
  fields: Record<string, (item: T) => string | undefined>,
  operators: readonly string[],
  member = 'filters',
): T[] {
  const filters = optArr<NameFilter>(b, member);
  if (!filters || filters.length === 0) return [...items];
  if (filters.length > 1) throw constraint(member, filters, 'Member must have length less than or equal to 1');
  const f = filters[0]!;
  const get = fields[f.name];
  if (!get) throw constraint(`${member}.1.member.name`, f.name, `Member must satisfy enum value set: [${Object.keys(fields).join(', ')}]`);
  if (!operators.includes(f.operator)) throw constraint(`${member}.1.member.operator`, f.operator, `Member must satisfy enum value set: [${operators.join(', ')}]`);
  if (!Array.isArray(f.values) || f.values.length !== 1 || typeof f.values[0] !== 'string') {
    throw constraint(`${member}.1.member.values`, f.values, 'Member must have length less than or equal to 1');
  }
  const value = f.values[0];
  return items.filter((item) => {
    const v = get(item) ?? '';
    if (f.operator === 'EQ') return v === value;
    if (f.operator === 'NE') return v !== value;
    return v.includes(value);
  });
}

/** A sort as List* requests send it. */
export interface SortBy {
  attribute?: string;
  name?: string;
  order?: string;
}

/**
 * Sorts `items` by the request's `sortBy` (`attribute` + `order`, or `name` + `order` for the
 * analytics APIs), else by `fallback` ascending.
 */
export function applySort<T>(
  items: T[],
  b: Body,
  keys: Record<string, (item: T) => string | number>,
  fallback: string,
  opts: { attributeMember?: 'attribute' | 'name'; defaultOrder?: 'Ascending' | 'Descending' } = {},
): T[] {
  const sort = optObj<SortBy>(b, 'sortBy');
  const attrMember = opts.attributeMember ?? 'attribute';
  const attribute = sort?.[attrMember] ?? fallback;
  const key = keys[attribute];
  if (!key) throw constraint(`sortBy.${attrMember}`, attribute, `Member must satisfy enum value set: [${Object.keys(keys).join(', ')}]`);
  const order = sort?.order ?? opts.defaultOrder ?? 'Ascending';
  if (order !== 'Ascending' && order !== 'Descending') throw constraint('sortBy.order', order, 'Member must satisfy enum value set: [Ascending, Descending]');
  const sign = order === 'Ascending' ? 1 : -1;
  return items.sort((x, y) => {
    const a = key(x);
    const c = key(y);
    return sign * (typeof a === 'number' && typeof c === 'number' ? a - c : String(a).localeCompare(String(c)));
  });
}
