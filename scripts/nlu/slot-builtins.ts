/**
 * Resolution of Amazon Lex V2 built-in slot types (`AMAZON.*`) for the local emulator, on top of
 * `@microsoft/recognizers-text-suite` (numbers, dates and times, durations, booleans, e-mails,
 * percentages, currencies) and `libphonenumber-js` (phone numbers), with per-language tables
 * (`slot-lexicon.ts`) where recognizers-text has gaps in Spanish or French.
 *
 * Lex reference: https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html
 * @module
 */
import {
  recognizeBoolean,
  recognizeCurrency,
  recognizeDateTime,
  recognizeEmail,
  recognizeNumber,
  recognizePercentage,
} from '@microsoft/recognizers-text-suite';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { ResolvedSlotValue } from './types.js';
import {
  AM_WORDS,
  CONFIRMATION_PHRASES,
  DAY_PERIODS,
  DIGIT_WORDS,
  DURATION_UNITS,
  EMAIL_WORDS,
  HALF_AFTER,
  HALF_AT_END,
  MINUS_WORDS,
  NAME_LEAD_INS,
  PERCENT_AFTER,
  PLACE_LEAD_INS,
  PM_WORDS,
  RELATIVE_PERIODS,
  REPEAT_WORDS,
  TRAILERS,
  foldedPhrases,
  foldedTable,
  type ConfirmationValue,
  type DayPeriod,
  type DurationUnit,
  type RelativePeriod,
} from './slot-lexicon.js';
import { cultureOf, fold, isoDate, recognizerSafe, regionOf, slotLanguage, trimSpan, wallClock, wordTokens, type SlotLanguage } from './slot-text.js';

/** Where and how a built-in value is resolved. */
export interface BuiltInContext {
  localeId: string;
  /** Reference instant for relative dates and times (default: now). */
  now?: Date;
  /** IANA time zone of the caller (Lex: the `x-amz-lex:time-zone` request attribute); default UTC. */
  timeZone?: string;
}

/** Base URL of the Lex V2 built-in slot type reference. */
export const BUILT_IN_SLOTS_DOC_URL = 'https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html';

/** One supported built-in slot type and how the emulator differs from Lex for it. */
export interface BuiltInSlotTypeInfo {
  /** `AMAZON.X` */
  name: string;
  /** Lex documentation page of the type. */
  docUrl: string;
  /** What `interpretedValue` looks like. */
  format: string;
  /** Locales where Lex itself supports the type, when Lex restricts them (else all locales). */
  lexLocales?: string;
  /** Differences between the emulator and Lex for this type. */
  fidelity: string;
}

const page = (slug: string) => `https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slot-${slug}.html`;

/**
 * The built-in slot types the emulator resolves, with the Lex documentation page of each
 * (overview: https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html) and the known
 * differences from Lex. Languages: en, es and fr (any other locale is resolved as English).
 * Types not listed here (e.g. AMAZON.UKPostalCode) never resolve in the emulator.
 */
export const SUPPORTED_BUILT_IN_SLOT_TYPES: readonly BuiltInSlotTypeInfo[] = [
  {
    name: 'AMAZON.AlphaNumeric',
    docUrl: page('alphanumeric'),
    format: 'letters and digits, e.g. `abc123`',
    fidelity:
      'Spoken single letters and digit words are joined ("a b c one two three" → `abc123`); case is kept as typed. No NATO alphabet or "as in" spelling. A custom type with `regex` must match the whole value (tried as said, upper- and lower-case).',
  },
  {
    name: 'AMAZON.City',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'the text',
    fidelity: 'No gazetteer: the answer is passed through with common lead-ins ("I live in", "vivo en", "j\'habite à") and politeness removed.',
  },
  {
    name: 'AMAZON.Confirmation',
    docUrl: page('confirmation'),
    format: '`Yes` | `No` | `Maybe` | `Don\'t know`',
    lexLocales: 'English pages say all locales; translated pages say English only',
    fidelity: 'Word lists in en, es and fr plus recognizers-text booleans; "don\'t know" and "maybe" phrases win over yes/no words, a negation overlapping a yes word gives No.',
  },
  {
    name: 'AMAZON.Country',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'the text',
    fidelity: 'No gazetteer: the answer is passed through (lead-ins removed).',
  },
  {
    name: 'AMAZON.Currency',
    docUrl: page('currency'),
    format: '`USD 5.15` (ISO 4217 code, two decimals)',
    lexLocales: 'en-US/GB/AU/IN/ZA, es-419/ES/US',
    fidelity:
      'Also resolves in fr_CA (Lex does not support it there). A bare number uses the locale currency (USD for *_US, CAD for *_CA). "Dollar" means the locale dollar; cents are divided by 100; "3 dimes" is not understood.',
  },
  {
    name: 'AMAZON.Date',
    docUrl: page('date'),
    format: '`YYYY-MM-DD`',
    fidelity:
      'Ambiguous dates resolve on or after today. Relative weeks/months/years follow the Lex V2 page: future week → Sunday of the current week, current/past week → its Monday; future month/year → its last day, current/past → its first day. Time zone: `ctx.timeZone` (default UTC; Lex defaults by region).',
  },
  {
    name: 'AMAZON.Duration',
    docUrl: page('duration'),
    format: 'ISO 8601, e.g. `PT1H30M`, `P3D`',
    fidelity: 'Units are kept as spoken (`PT90M`, not `PT1H30M`); fractions are carried to smaller units ("an hour and a half" → `PT1H30M`).',
  },
  {
    name: 'AMAZON.EmailAddress',
    docUrl: page('email'),
    format: '`user@domain.tld` (lower case)',
    fidelity: 'Spoken forms "at / dot / underscore / dash", "arroba / punto / guion bajo", "arobase / point / tiret bas" are joined; no spell-by-letter styles.',
  },
  {
    name: 'AMAZON.FirstName',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'a capitalised word',
    fidelity: 'No name list: the first word after lead-ins ("my name is", "me llamo", "je m\'appelle"), capitalised. Any word is accepted.',
  },
  {
    name: 'AMAZON.FreeFormInput',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'the whole answer',
    fidelity: 'Same as Lex: the whole trimmed answer.',
  },
  {
    name: 'AMAZON.LastName',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'capitalised words',
    fidelity: 'No name list: up to three words after lead-ins, each capitalised. Any word is accepted.',
  },
  {
    name: 'AMAZON.Number',
    docUrl: page('number'),
    format: 'a number, e.g. `42`, `-15`, `123.45`',
    fidelity:
      'Digits spoken or typed in groups are joined as said, zeros inside kept ("four eight one five" → `4815`, "202-555-0143" and "two oh two five five five zero one four three" → `2025550143`); the whole, like a number, loses its leading zeros ("zero four one" → `41`; Lex does not document this case): use AMAZON.AlphaNumeric with a regex for codes that may start with 0. Decimal commas (es, fr) become points. With several separate numbers, the longest run wins.',
  },
  {
    name: 'AMAZON.Percentage',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: '`50%`',
    fidelity: 'recognizers-text percentages, plus "pour cent" in French (recognizers-text misses it).',
  },
  {
    name: 'AMAZON.PhoneNumber',
    docUrl: page('phone'),
    format: 'digits only, `+` kept when said (`5095551212`, `+15095551212`)',
    fidelity:
      'Digits as said (Lex keeps a spoken country code). Spoken digits, "oh" and "double" are understood. Accepted when libphonenumber-js finds a possible number for the locale region, US, CA or MX, or when it has 7 (local) or 11-15 digits. resolvedValues adds the E.164 form when libphonenumber-js can compute it (an emulator extension).',
  },
  {
    name: 'AMAZON.State',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'the text',
    fidelity: 'No gazetteer: the answer is passed through (lead-ins removed).',
  },
  {
    name: 'AMAZON.StreetName',
    docUrl: BUILT_IN_SLOTS_DOC_URL,
    format: 'the text',
    fidelity: 'No gazetteer: the answer is passed through (lead-ins removed).',
  },
  {
    name: 'AMAZON.Time',
    docUrl: page('time'),
    format: '`HH:MM` (24 h) or a part of the day `MO` | `AF` | `EV` | `NI`',
    fidelity:
      'Lex gives an ambiguous time ("at three") `interpretedValue: null` and both resolutions; the emulator\'s contract needs a string, so it gives the earlier one (`03:00`) and resolvedValues `["03:00", "15:00"]`. "pm", "afternoon", "de la tarde", "de l\'après-midi" and French 24-hour forms ("15 h") disambiguate.',
  },
];

const SUPPORTED = new Set(SUPPORTED_BUILT_IN_SLOT_TYPES.map((t) => t.name));

/** Whether the emulator resolves built-in slot type `name`. */
export function isSupportedBuiltInSlotType(name: string): boolean {
  return SUPPORTED.has(name);
}

// ---------------------------------------------------------------------------------------------
// Shared plumbing

interface Env {
  lang: SlotLanguage;
  culture: string;
  region: string;
  /** Wall-clock reference date (local-time fields = the caller's time). */
  ref: Date;
}

/** A recognizers-text result, structurally. */
interface Rec {
  text: string;
  start: number;
  end: number;
  typeName: string;
  resolution?: Record<string, unknown> | null;
}

type Recognize = (query: string, culture: string) => Rec[];

/** Runs a recognizer on a length-preserving lower-cased copy; recognizer failures count as "nothing". */
function recognize(fn: Recognize, text: string, culture: string): Rec[] {
  try {
    const out = fn(recognizerSafe(text), culture);
    return Array.isArray(out) ? out.filter((r) => Number.isInteger(r?.start) && Number.isInteger(r?.end) && r.end >= r.start) : [];
  } catch {
    return [];
  }
}

function envOf(ctx: BuiltInContext): Env {
  const lang = slotLanguage(ctx.localeId);
  return { lang, culture: cultureOf(lang), region: regionOf(ctx.localeId), ref: wallClock(ctx.now ?? new Date(), ctx.timeZone ?? 'UTC') };
}

function value(originalValue: string, interpretedValue: string, resolvedValues: string[] = [interpretedValue]): ResolvedSlotValue {
  return { originalValue, interpretedValue, resolvedValues };
}

/** Folded text padded with spaces, for whole-word phrase search. */
function padded(text: string): string {
  return ` ${fold(text)} `;
}

function containsPhrase(paddedText: string, foldedPhrase: string): boolean {
  return paddedText.includes(` ${foldedPhrase} `);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A number found in a text (`end` exclusive). */
interface NumberSpan {
  start: number;
  end: number;
  /** Canonical decimal string: `42`, `-15`, `12.5`. */
  value: string;
  /** Written with letters ("forty two") rather than digits. */
  words: boolean;
  /**
   * The digits as said when the span is a plain digit string ("0143", "zero"), leading zeros kept,
   * so that a joined digit sequence keeps them ("202-555-0143" → `2025550143`); else `value`.
   */
  digits: string;
}

/** Canonical form of a recognizers-text number value, or undefined if it is not a finite number. */
function canonicalNumber(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  let s = String(raw).trim().replace(/\s+/g, '');
  if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  else s = s.replace(/,/g, '');
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) {
    const neg = s.startsWith('-');
    let [int, frac] = s.replace(/^[+-]/, '').split('.') as [string, string | undefined];
    int = int.replace(/^0+(?=\d)/, '');
    frac = frac?.replace(/0+$/, '');
    const out = frac ? `${int}.${frac}` : int;
    return neg && out !== '0' ? `-${out}` : out;
  }
  const n = Number(s);
  return Number.isFinite(n) ? String(n) : undefined;
}

/** Digit groups and nothing else: "123456", "202-555-0143", "202 555 0143" (keyed or read out as digits). */
const DIGIT_GROUPS = /^\d+(?:[\s-]+\d+)*$/;

function numberSpans(text: string, env: Env): NumberSpan[] {
  const out: NumberSpan[] = [];
  // Digits alone need no recognizer, and skipping it spares the first such answer of a language the
  // seconds recognizers-text takes to build its number model (French especially).
  if (DIGIT_GROUPS.test(text.trim())) {
    for (const m of text.matchAll(/\d+/g)) out.push({ start: m.index, end: m.index + m[0].length, value: canonicalNumber(m[0])!, words: false, digits: m[0] });
    return out;
  }
  for (const r of recognize(recognizeNumber, text, env.culture)) {
    const v = canonicalNumber(r.resolution?.['value']);
    if (v === undefined) continue;
    let start = r.start;
    let val = v;
    const before = text.slice(0, start);
    const minus = MINUS_WORDS[env.lang].exec(before);
    if (minus && !val.startsWith('-') && val !== '0') {
      val = `-${val}`;
      start = minus.index + (minus[0].length - minus[0].trimStart().length);
    }
    const end = r.end + 1;
    const said = text.slice(r.start, end);
    const digits = /^\d+$/.test(said) ? said : val;
    out.push({ start, end, value: val, words: /\p{L}/u.test(said), digits });
  }
  // "oh" is a zero between digits ("two oh two"), which recognizers-text does not read as a number.
  if (env.lang === 'en') {
    const digitsOnly = out.filter((s) => /^\d+$/.test(s.value));
    for (const m of text.matchAll(/(?<![\p{L}'’])(?:oh|o)(?![\p{L}'’])/giu)) {
      const start = m.index;
      const end = start + m[0].length;
      const gap = (a: number, b: number) => a <= b && /^[\s,-]*$/.test(text.slice(a, b));
      const between = digitsOnly.some((s) => gap(s.end, start)) && digitsOnly.some((s) => gap(end, s.start));
      if (between) out.push({ start, end, value: '0', words: true, digits: '0' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Groups of adjacent non-negative integers ("4 8 1 5", "twenty twenty five") joined as digits. */
function numberGroups(text: string, spans: NumberSpan[]): NumberSpan[] {
  const groups: NumberSpan[] = [];
  let cur: (NumberSpan & { count: number }) | undefined;
  for (const s of spans) {
    const joinable = /^\d+$/.test(s.value);
    if (cur && joinable && /^\d+$/.test(cur.value) && /^[\s,-]*$/.test(text.slice(cur.end, s.start))) {
      cur.value += s.digits;
      cur.end = s.end;
      cur.words ||= s.words;
      cur.count++;
      continue;
    }
    if (cur) groups.push(cur);
    cur = { ...s, value: joinable ? s.digits : s.value, count: 1 };
  }
  if (cur) groups.push(cur);
  // The joined digits read as one number: only the leading zeros of the whole go.
  return groups.map((g) => ({ ...g, value: canonicalNumber(g.value) ?? g.value }));
}

/** The number of an answer: the longest group of joined digits, else the first number. */
function bestNumber(text: string, env: Env): NumberSpan | undefined {
  const groups = numberGroups(text, numberSpans(text, env));
  let best: NumberSpan | undefined;
  for (const g of groups) if (!best || g.end - g.start > best.end - best.start) best = g;
  return best;
}

function resolveNumber(text: string, env: Env): ResolvedSlotValue | undefined {
  const n = bestNumber(text, env);
  if (!n) return undefined;
  return value(trimSpan(text.slice(n.start, n.end)) || n.value, n.value);
}

// ---------------------------------------------------------------------------------------------
// Dates and times

interface DateTimeValue {
  timex?: string;
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

function valuesOf(r: Rec): DateTimeValue[] {
  const v = r.resolution?.['values'];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as DateTimeValue[]) : [];
}

function kindOf(r: Rec): string {
  return r.typeName.replace(/^datetimeV2\./, '');
}

function dateTimeResults(text: string, env: Env): Rec[] {
  try {
    const out = recognizeDateTime(recognizerSafe(text), env.culture, undefined, env.ref) as Rec[];
    return Array.isArray(out) ? out.filter((r) => Number.isInteger(r?.start) && Number.isInteger(r?.end)) : [];
  } catch {
    return [];
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

function parseIsoDate(s: string | undefined): Date | undefined {
  const m = s ? DATE_RE.exec(s) : null;
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

function mondayOf(d: Date): Date {
  const day = startOfDay(d);
  const shift = (day.getDay() + 6) % 7;
  day.setDate(day.getDate() - shift);
  return day;
}

/** Lex's date for a relative week, month or year (see the AMAZON.Date page). */
function relativePeriodDate(period: RelativePeriod, ref: Date): string {
  const today = startOfDay(ref);
  if (period.unit === 'week') {
    const monday = mondayOf(today);
    if (period.offset > 0) {
      // Lex V2: "Utterances that map to a future week ... convert to the date of the last day of the current week."
      const sunday = new Date(monday);
      sunday.setDate(monday.getDate() + 6);
      return isoDate(sunday);
    }
    monday.setDate(monday.getDate() + 7 * period.offset);
    return isoDate(monday);
  }
  if (period.unit === 'month') {
    const first = new Date(today.getFullYear(), today.getMonth() + period.offset, 1);
    return isoDate(period.offset > 0 ? new Date(first.getFullYear(), first.getMonth() + 1, 0) : first);
  }
  const year = today.getFullYear() + period.offset;
  return isoDate(period.offset > 0 ? new Date(year, 11, 31) : new Date(year, 0, 1));
}

const relativeTables = new Map<SlotLanguage, [string, RelativePeriod][]>();

function findRelativePeriod(text: string, lang: SlotLanguage): { phrase: string; period: RelativePeriod } | undefined {
  let table = relativeTables.get(lang);
  if (!table) {
    table = [...foldedTable(RELATIVE_PERIODS[lang]).entries()].sort((a, b) => b[0].length - a[0].length);
    relativeTables.set(lang, table);
  }
  const p = padded(text);
  for (const [phrase, period] of table) if (containsPhrase(p, phrase)) return { phrase, period };
  return undefined;
}

/** The first candidate on or after today (Lex's default for ambiguous dates), else the last. */
function onOrAfterToday(dates: string[], ref: Date): string | undefined {
  const today = isoDate(ref);
  return dates.find((d) => d >= today) ?? dates[dates.length - 1];
}

/** Lex's date for a recognizers-text date range (weeks, months, years by the Lex rules; else its start). */
function dateRangeDate(v: DateTimeValue, ref: Date): string | undefined {
  const timex = v.timex ?? '';
  const start = parseIsoDate(v.start);
  const today = startOfDay(ref);
  const sign = (n: number): -1 | 0 | 1 => (n > 0 ? 1 : n < 0 ? -1 : 0);
  if (/^\d{4}-W\d{2}$/.test(timex) && start) {
    return relativePeriodDate({ unit: 'week', offset: sign(mondayOf(start).getTime() - mondayOf(today).getTime()) }, ref);
  }
  const month = /^(\d{4})-(\d{2})$/.exec(timex);
  if (month) {
    const diff = (Number(month[1]) - today.getFullYear()) * 12 + (Number(month[2]) - 1 - today.getMonth());
    if (diff > 0) return isoDate(new Date(Number(month[1]), Number(month[2]), 0));
    return `${month[1]}-${month[2]}-01`;
  }
  const year = /^(\d{4})$/.exec(timex);
  if (year) return Number(year[1]) > today.getFullYear() ? `${year[1]}-12-31` : `${year[1]}-01-01`;
  return start ? isoDate(start) : undefined;
}

function resolveDate(text: string, env: Env): ResolvedSlotValue | undefined {
  const results = dateTimeResults(text, env);
  let rangeFallback: ResolvedSlotValue | undefined;
  for (const r of results) {
    const kind = kindOf(r);
    const values = valuesOf(r);
    const original = trimSpan(text.slice(r.start, r.end + 1)) || r.text;
    if (kind === 'date' || kind === 'datetime') {
      const dates = values
        .map((v) => (v.timex === 'PRESENT_REF' ? isoDate(env.ref) : DATE_RE.exec(v.value ?? '')?.[0]))
        .filter((d): d is string => d !== undefined);
      const chosen = onOrAfterToday([...new Set(dates)], env.ref);
      if (chosen) return value(original, chosen);
    } else if ((kind === 'daterange' || kind === 'datetimerange') && !rangeFallback) {
      const v = values[0];
      const d = v && (kind === 'daterange' ? dateRangeDate(v, env.ref) : DATE_RE.exec(v.start ?? '')?.[0]);
      if (d) rangeFallback = value(original, d);
    }
  }
  // recognizers-text misses or mis-resolves several relative periods in es and fr: use the table.
  const rel = findRelativePeriod(text, env.lang);
  if (rel) return value(trimSpan(text) || rel.phrase, relativePeriodDate(rel.period, env.ref));
  return rangeFallback;
}

const timeOf = (s: string | undefined): string | undefined => /(?:^|\s|T)(\d{2}):(\d{2})(?::\d{2})?$/.exec(s ?? '')?.slice(1, 3).join(':');
const hourOf = (t: string): number => Number(t.slice(0, 2));

/** French forms recognizers-text misses: "midi" (not "après-midi"), "midi et demi". */
function frenchTimeFixes(text: string): string {
  return text
    .replace(/(?<![\p{L}-])midi\s+et\s+demie?(?![\p{L}])/giu, '12h30')
    .replace(/(?<![\p{L}-])midi\s+et\s+quart(?![\p{L}])/giu, '12h15')
    .replace(/(?<![\p{L}-])midi(?![\p{L}-])/giu, '12h')
    .replace(/(?<![\p{L}-])minuit\s+et\s+demie?(?![\p{L}])/giu, '0h30');
}

const periodTables = new Map<SlotLanguage, [string, DayPeriod][]>();

function dayPeriodIn(text: string, lang: SlotLanguage, whole: boolean): DayPeriod | undefined {
  let table = periodTables.get(lang);
  if (!table) {
    table = [...foldedTable(DAY_PERIODS[lang]).entries()].sort((a, b) => b[0].length - a[0].length);
    periodTables.set(lang, table);
  }
  const f = fold(text);
  for (const [phrase, period] of table) if (whole ? f === phrase : containsPhrase(` ${f} `, phrase)) return period;
  return undefined;
}

/** Picks among AM/PM candidates using 24-hour numbers and "pm" / "afternoon" words. */
function disambiguateTimes(candidates: string[], text: string, env: Env): string[] {
  if (candidates.length < 2) return candidates;
  // An explicit 24-hour clock: "15:00", "15 h", "à 15 heures", "0h".
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})(?:\s*(?:h|heures?)\b|:\d{2})/giu)) {
    const hour = Number(m[1]);
    if (hour >= 13 || hour === 0 || (env.lang === 'fr' && /h/i.test(m[0]))) {
      const match = candidates.filter((c) => hourOf(c) === hour);
      if (match.length > 0) return match;
    }
  }
  const p = padded(text);
  if (PM_WORDS[env.lang].some((w) => containsPhrase(p, fold(w)))) {
    const pm = candidates.filter((c) => hourOf(c) >= 12);
    if (pm.length > 0) return pm;
  }
  if (AM_WORDS[env.lang].some((w) => containsPhrase(p, fold(w)))) {
    const am = candidates.filter((c) => hourOf(c) < 12);
    if (am.length > 0) return am;
  }
  return [...candidates].sort();
}

function resolveTime(input: string, env: Env): ResolvedSlotValue | undefined {
  const text = env.lang === 'fr' ? frenchTimeFixes(input) : input;
  const rewritten = text !== input;
  const results = dateTimeResults(text, env);
  const original = (r: Rec) => (rewritten ? trimSpan(input) : trimSpan(text.slice(r.start, r.end + 1)) || r.text);
  let range: ResolvedSlotValue | undefined;
  for (const r of results) {
    const kind = kindOf(r);
    const values = valuesOf(r);
    if (kind === 'time' || kind === 'datetime') {
      // "cet après-midi" comes back from recognizers-text as 12:00; Lex gives the part of the day.
      const period = dayPeriodIn(r.text, env.lang, true);
      if (period) return value(original(r), period);
      const now = `${String(env.ref.getHours()).padStart(2, '0')}:${String(env.ref.getMinutes()).padStart(2, '0')}`;
      const times = [...new Set(values.map((v) => (v.timex === 'PRESENT_REF' ? now : timeOf(v.value))).filter((t): t is string => t !== undefined))];
      if (times.length === 0) continue;
      const picked = disambiguateTimes(times, text, env);
      return value(original(r), picked[0]!, picked);
    }
    if ((kind === 'timerange' || kind === 'datetimerange') && !range) {
      const v = values[0];
      // The word tables first: recognizers-text reads Spanish "la tarde" as evening, Lex's AF is the afternoon.
      const code = dayPeriodIn(r.text, env.lang, true) ?? /T(MO|AF|EV|NI)$/.exec(v?.timex ?? '')?.[1];
      if (code) range = value(original(r), code);
      else {
        const t = timeOf(v?.start);
        if (t) range = value(original(r), t);
      }
    }
  }
  if (range) return range;
  const period = dayPeriodIn(text, env.lang, false);
  return period ? value(trimSpan(input), period) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Durations

type DurationParts = Partial<Record<DurationUnit, number>>;

const TIMEX_DURATION = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/;
const UNIT_ORDER: DurationUnit[] = ['Y', 'MO', 'W', 'D', 'H', 'MI', 'S'];

function parseTimexDuration(timex: string | undefined): DurationParts | undefined {
  const m = TIMEX_DURATION.exec(timex ?? '');
  if (!m || timex === 'P' || timex === 'PT') return undefined;
  const parts: DurationParts = {};
  UNIT_ORDER.forEach((u, i) => {
    const v = m[i + 1];
    if (v !== undefined && Number.isFinite(Number(v))) parts[u] = Number(v);
  });
  return Object.keys(parts).length > 0 ? parts : undefined;
}

function addParts(a: DurationParts, b: DurationParts): DurationParts {
  const out: DurationParts = { ...a };
  for (const u of UNIT_ORDER) if (b[u] !== undefined) out[u] = (out[u] ?? 0) + b[u]!;
  return out;
}

/** How many of the next smaller unit make one unit (for carrying fractions down). */
const CARRY: Partial<Record<DurationUnit, [DurationUnit, number]>> = { Y: ['MO', 12], MO: ['D', 30], W: ['D', 7], D: ['H', 24], H: ['MI', 60], MI: ['S', 60] };

function isoDuration(parts: DurationParts): string | undefined {
  const p: DurationParts = { ...parts };
  for (const u of UNIT_ORDER) {
    const v = p[u];
    if (v === undefined || Number.isInteger(v)) continue;
    const carry = CARRY[u];
    if (!carry) continue;
    const whole = Math.floor(v);
    const rest = Math.round((v - whole) * carry[1] * 1000) / 1000;
    p[u] = whole;
    p[carry[0]] = (p[carry[0]] ?? 0) + rest;
  }
  const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
  const put = (u: DurationUnit, letter: string) => (p[u] ? `${fmt(p[u]!)}${letter}` : '');
  const date = put('Y', 'Y') + put('MO', 'M') + put('W', 'W') + put('D', 'D');
  const time = put('H', 'H') + put('MI', 'M') + put('S', 'S');
  if (!date && !time) return undefined;
  return `P${date}${time ? `T${time}` : ''}`;
}

/** The single unit of a duration, if it has exactly one. */
function singleUnit(parts: DurationParts): DurationUnit | undefined {
  const units = UNIT_ORDER.filter((u) => parts[u] !== undefined);
  return units.length === 1 ? units[0] : undefined;
}

interface DurationFind {
  parts: DurationParts;
  start: number;
  end: number;
}

/** Durations from recognizers-text, adjacent ones summed ("five hours and ten minutes"). */
function recognizedDuration(text: string, env: Env): DurationFind | undefined {
  let found: DurationFind | undefined;
  for (const r of dateTimeResults(text, env)) {
    if (kindOf(r) !== 'duration') continue;
    let parts = parseTimexDuration(valuesOf(r)[0]?.timex);
    if (!parts) continue;
    let end = r.end + 1;
    const unit = singleUnit(parts);
    // recognizers-text drops "y media" ("una hora y media" → PT1H), inside or just after its span.
    const half = HALF_AFTER[env.lang].exec(text.slice(end));
    const halfInside = HALF_AT_END[env.lang].test(text.slice(r.start, end));
    if ((half || halfInside) && unit && Number.isInteger(parts[unit])) {
      parts = { ...parts, [unit]: parts[unit]! + 0.5 };
      if (half) end += half[0].length;
    }
    if (found && /^[\s,]*(?:and|y|et|,)?[\s,]*$/i.test(text.slice(found.end, r.start))) {
      found = { parts: addParts(found.parts, parts), start: found.start, end };
    } else if (!found) {
      found = { parts, start: r.start, end };
    }
  }
  return found;
}

const unitTables = new Map<SlotLanguage, Map<string, DurationUnit>>();
const ONE_WORDS = new Set(['a', 'an', 'one', 'un', 'une', 'una', 'uno']);

/** Number + unit sequences ("90 minutos", "deux heures dix minutes", "hora y media"). */
function wordDuration(text: string, env: Env): DurationFind | undefined {
  let units = unitTables.get(env.lang);
  if (!units) {
    units = foldedTable(DURATION_UNITS[env.lang]);
    unitTables.set(env.lang, units);
  }
  const words = wordTokens(text);
  const numbers = numberSpans(text, env);
  let found: DurationFind | undefined;
  for (let i = 0; i < words.length; i++) {
    const unit = units.get(words[i]!.word);
    if (!unit) continue;
    const prev = words[i - 1];
    const num = numbers.find((n) => prev && n.end <= words[i]!.start && n.end >= prev.end && /^\s*$/.test(text.slice(n.end, words[i]!.start)));
    let amount: number | undefined;
    let start = words[i]!.start;
    if (num && /^\d+(\.\d+)?$/.test(num.value)) {
      amount = Number(num.value);
      start = num.start;
    } else if (prev && ONE_WORDS.has(prev.word)) {
      amount = 1;
      start = prev.start;
    } else if (words[i]!.word.length > 1 && HALF_AFTER[env.lang].test(text.slice(words[i]!.end))) {
      // "hora y media": a bare unit followed by "and a half" counts as one.
      amount = 1;
    }
    if (amount === undefined) continue;
    let end = words[i]!.end;
    const half = HALF_AFTER[env.lang].exec(text.slice(end));
    if (half) {
      amount += 0.5;
      end += half[0].length;
    }
    const parts: DurationParts = { [unit]: amount };
    if (found && /^[\s,]*(?:and|y|et|,)?[\s,]*$/i.test(text.slice(found.end, start))) {
      found = { parts: addParts(found.parts, parts), start: found.start, end };
    } else if (!found) {
      found = { parts, start, end };
    }
  }
  return found;
}

function resolveDuration(text: string, env: Env): ResolvedSlotValue | undefined {
  const a = recognizedDuration(text, env);
  const b = wordDuration(text, env);
  const pick = a && b ? (b.end - b.start > a.end - a.start ? b : a) : (a ?? b);
  if (!pick) return undefined;
  const iso = isoDuration(pick.parts);
  return iso ? value(trimSpan(text.slice(pick.start, pick.end)) || iso, iso) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

const PHONE_REGIONS: CountryCode[] = ['US', 'CA', 'MX'];

/** The E.164 form of a digit string if libphonenumber-js finds a possible number, else undefined. */
function possiblePhone(digits: string, region: string): string | undefined {
  try {
    if (digits.startsWith('+')) {
      const p = parsePhoneNumberFromString(digits);
      return p?.isPossible() ? p.number : undefined;
    }
    const regions = [...new Set([region as CountryCode, ...PHONE_REGIONS])];
    for (const r of regions) {
      const p = parsePhoneNumberFromString(digits, r);
      if (p?.isPossible()) return p.number;
    }
    const intl = parsePhoneNumberFromString(`+${digits}`);
    return intl?.isPossible() ? intl.number : undefined;
  } catch {
    return undefined;
  }
}

function resolvePhone(text: string, env: Env): ResolvedSlotValue | undefined {
  const digitWords = DIGIT_WORDS[env.lang];
  const repeat = REPEAT_WORDS[env.lang];
  const wordNumbers = numberSpans(text, env).filter((n) => n.words && /^\d+$/.test(n.value));
  interface Piece {
    digits: string;
    start: number;
    end: number;
  }
  const pieces: (Piece | undefined)[] = [];
  const emitted = new Set<NumberSpan>();
  let pendingRepeat = 1;
  for (const m of text.matchAll(/\S+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const inWordNumber = wordNumbers.find((n) => start < n.end && n.start < end);
    if (inWordNumber) {
      const last = pieces[pieces.length - 1];
      if (emitted.has(inWordNumber) && last) last.end = end;
      else {
        emitted.add(inWordNumber);
        pieces.push({ digits: inWordNumber.value.length === 1 ? inWordNumber.value.repeat(pendingRepeat) : inWordNumber.value, start, end });
      }
      pendingRepeat = 1;
      continue;
    }
    const token = m[0].replace(/^[^\p{L}\p{N}+(]+|[^\p{L}\p{N})]+$/gu, '');
    const folded = fold(token);
    if (/^\+?[\d().-]*\d[\d().-]*$/.test(token)) {
      const plus = token.startsWith('+') ? '+' : '';
      const digits = token.replace(/\D/g, '');
      pieces.push({ digits: plus + (pendingRepeat > 1 && digits.length === 1 ? digits.repeat(pendingRepeat) : digits), start, end });
      pendingRepeat = 1;
    } else if (digitWords[folded] !== undefined && (!['o', 'oh'].includes(folded) || pieces[pieces.length - 1] !== undefined)) {
      // "oh" is a zero only after another digit ("five oh one"), not as an interjection.
      pieces.push({ digits: digitWords[folded]!.repeat(pendingRepeat), start, end });
      pendingRepeat = 1;
    } else if (repeat[folded] !== undefined) {
      pendingRepeat = repeat[folded]!;
    } else if (folded === 'plus' || folded === 'mas' || token === '+') {
      pieces.push({ digits: '+', start, end });
    } else if (token === '' || token === '-') {
      continue;
    } else {
      pieces.push(undefined);
      pendingRepeat = 1;
    }
  }
  // Runs of consecutive pieces; a "+" only counts at the start of a run.
  let best: { digits: string; start: number; end: number } | undefined;
  let run: { digits: string; start: number; end: number } | undefined;
  const close = () => {
    if (run && run.digits.replace(/\D/g, '').length > (best?.digits.replace(/\D/g, '').length ?? 0)) best = run;
    run = undefined;
  };
  for (const p of pieces) {
    if (!p) {
      close();
      continue;
    }
    if (p.digits.startsWith('+') && run) close();
    if (!run) run = { digits: p.digits, start: p.start, end: p.end };
    else {
      run.digits += p.digits.replace(/\+/g, '');
      run.end = p.end;
    }
  }
  close();
  if (!best) return undefined;
  const plus = best.digits.startsWith('+') ? '+' : '';
  const digits = plus + best.digits.replace(/\D/g, '');
  const count = digits.replace(/\D/g, '').length;
  if (count < 7 || count > 15) return undefined;
  const e164 = count >= 10 ? possiblePhone(digits, env.region) : undefined;
  if (!e164 && count !== 7 && (count < 11 || plus)) return undefined;
  const resolved = e164 && e164 !== digits ? [digits, e164] : [digits];
  return value(trimSpan(text.slice(best.start, best.end)) || digits, digits, resolved);
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

const EMAIL_RE = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
const emailTables = new Map<SlotLanguage, [string[], string][]>();

function resolveEmail(text: string, env: Env): ResolvedSlotValue | undefined {
  const typed = recognize(recognizeEmail, text, env.culture)[0];
  if (typed) {
    const raw = String(typed.resolution?.['value'] ?? typed.text);
    return value(trimSpan(text.slice(typed.start, typed.end + 1)) || raw, raw.toLowerCase());
  }
  let table = emailTables.get(env.lang);
  if (!table) {
    table = [...foldedTable(EMAIL_WORDS[env.lang]).entries()].map(([k, v]) => [k.split(' '), v] as [string[], string]).sort((a, b) => b[0].length - a[0].length);
    emailTables.set(env.lang, table);
  }
  // Tokens: words (as said, lower case) or symbols, with offsets.
  interface Tok {
    text: string;
    symbol: boolean;
    start: number;
    end: number;
  }
  const raw = [...text.matchAll(/[^\s]+/g)].flatMap((m) => {
    // Split off typed symbols: "john.smith" stays one word, "@" alone is a symbol.
    const parts: Tok[] = [];
    for (const p of m[0].matchAll(/[@]|[^@]+/g)) parts.push({ text: p[0].toLowerCase(), symbol: p[0] === '@', start: m.index + p.index, end: m.index + p.index + p[0].length });
    return parts;
  });
  const toks: Tok[] = [];
  for (let i = 0; i < raw.length; ) {
    let matched = false;
    for (const [words, symbol] of table) {
      if (i + words.length > raw.length) continue;
      if (words.every((w, j) => fold(raw[i + j]!.text) === w)) {
        toks.push({ text: symbol, symbol: true, start: raw[i]!.start, end: raw[i + words.length - 1]!.end });
        i += words.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const t = raw[i]!;
      const cleaned = t.symbol ? t.text : t.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (cleaned) toks.push({ ...t, text: cleaned });
      i++;
    }
  }
  // The "@" of the address: the last one followed, somewhere, by a dot.
  const ats = toks.map((t, i) => (t.symbol && t.text === '@' ? i : -1)).filter((i) => i >= 0);
  for (const at of ats.reverse()) {
    // Local part: word (symbol word)* ending just before "@"; domain: word (symbol word)* after it.
    let s = at - 1;
    if (s < 0 || toks[s]!.symbol) continue;
    while (s - 2 >= 0 && toks[s - 1]!.symbol && toks[s - 1]!.text !== '@' && !toks[s - 2]!.symbol) s -= 2;
    let e = at + 1;
    if (e >= toks.length || toks[e]!.symbol) continue;
    while (e + 2 < toks.length && toks[e + 1]!.symbol && toks[e + 1]!.text !== '@' && !toks[e + 2]!.symbol) e += 2;
    const local = toks.slice(s, at).map((t) => t.text).join('');
    const domain = toks.slice(at + 1, e + 1).map((t) => t.text).join('');
    const email = `${local}@${domain}`.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (EMAIL_RE.test(email)) return value(trimSpan(text.slice(toks[s]!.start, toks[e]!.end)) || email, email);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Alphanumeric

/** Candidate codes of an answer, best first: the longest run of letters/digits, other runs, single tokens. */
function alphanumericCandidates(text: string, env: Env): { code: string; start: number; end: number }[] {
  const digitWords = DIGIT_WORDS[env.lang];
  interface Piece {
    code: string;
    start: number;
    end: number;
    /** Part of a code (single letter, digit, contains a digit, all caps) rather than an ordinary word. */
    codeLike: boolean;
  }
  const pieces: Piece[] = [];
  for (const m of text.matchAll(/[^\s,;]+/g)) {
    const token = m[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!token) continue;
    const folded = fold(token);
    const start = m.index;
    const end = start + m[0].length;
    if (digitWords[folded] !== undefined && folded !== 'o') {
      pieces.push({ code: digitWords[folded]!, start, end, codeLike: true });
      continue;
    }
    const compact = token.replace(/[^\p{L}\p{N}]/gu, '');
    if (!/^[\p{L}\p{N}]+$/u.test(compact)) continue;
    const codeLike = compact.length === 1 || /\d/.test(compact) || (compact.length >= 2 && compact === compact.toUpperCase() && /\p{Lu}/u.test(compact));
    pieces.push({ code: compact, start, end, codeLike });
  }
  const runs: { code: string; start: number; end: number }[] = [];
  let run: { code: string; start: number; end: number } | undefined;
  let prevEnd = -1;
  for (const p of pieces) {
    const adjacent = run && /^[\s,;-]*$/.test(text.slice(prevEnd, p.start));
    if (p.codeLike && run && adjacent) {
      run.code += p.code;
      run.end = p.end;
    } else {
      if (run) runs.push(run);
      run = p.codeLike ? { code: p.code, start: p.start, end: p.end } : undefined;
    }
    prevEnd = p.end;
  }
  if (run) runs.push(run);
  runs.sort((a, b) => b.code.length - a.code.length || a.start - b.start);
  const singles = pieces.map((p) => ({ code: p.code, start: p.start, end: p.end }));
  if (runs.length === 0 && pieces.length === 1) return singles;
  return [...runs, ...singles];
}

/**
 * AMAZON.AlphaNumeric, optionally restricted by a regex (a custom slot type extending it): the value
 * must match the whole regex.
 */
export function resolveAlphaNumeric(text: string, ctx: BuiltInContext, regex?: string): ResolvedSlotValue | undefined {
  return text.trim() ? alphaNumeric(text, envOf(ctx), regex) : undefined;
}

function alphaNumeric(text: string, env: Env, regex?: string): ResolvedSlotValue | undefined {
  const candidates = alphanumericCandidates(text, env);
  if (regex === undefined) {
    const best = candidates[0];
    return best ? value(trimSpan(text.slice(best.start, best.end)) || best.code, best.code) : undefined;
  }
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${regex})$`, 'u');
  } catch {
    return undefined;
  }
  const compactAll = candidates.length > 0 ? { code: text.replace(/[^\p{L}\p{N}]/gu, ''), start: 0, end: text.length } : undefined;
  for (const c of compactAll ? [...candidates, compactAll] : candidates) {
    for (const code of [c.code, c.code.toUpperCase(), c.code.toLowerCase()]) {
      if (code && re.test(code)) return value(trimSpan(text.slice(c.start, c.end)) || code, code);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Confirmation

const confirmationTables = new Map<SlotLanguage, [ConfirmationValue, string[]][]>();

function resolveConfirmation(text: string, env: Env): ResolvedSlotValue | undefined {
  let table = confirmationTables.get(env.lang);
  if (!table) {
    const phrases = CONFIRMATION_PHRASES[env.lang];
    table = (["Don't know", 'Maybe', 'Yes', 'No'] as const).map((v) => [v, foldedPhrases(phrases[v])] as [ConfirmationValue, string[]]);
    confirmationTables.set(env.lang, table);
  }
  const p = padded(text);
  const original = trimSpan(text) || text;
  for (const [v, phrases] of table.slice(0, 2)) if (phrases.some((ph) => containsPhrase(p, ph))) return value(original, v);
  // Yes / No: the earliest phrase; a No phrase overlapping it ("not correct", "i do not") wins.
  const hits: { v: ConfirmationValue; start: number; end: number }[] = [];
  for (const [v, phrases] of table.slice(2)) {
    for (const ph of phrases) {
      let from = 0;
      for (;;) {
        const i = p.indexOf(` ${ph} `, from);
        if (i < 0) break;
        hits.push({ v, start: i + 1, end: i + 1 + ph.length });
        from = i + 1;
      }
    }
  }
  if (hits.length > 0) {
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const first = hits[0]!;
    const overlappingNo = hits.find((h) => h.v === 'No' && h.start < first.end && first.start < h.end);
    return value(original, overlappingNo ? 'No' : first.v);
  }
  const bool = recognize(recognizeBoolean, text, env.culture)[0];
  const b = bool?.resolution?.['value'];
  if (typeof b === 'boolean') return value(original, b ? 'Yes' : 'No');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Names and places

function stripLeadIns(text: string, leadIns: readonly string[], trailers: readonly string[]): { text: string; start: number; end: number } {
  const words = wordTokens(text);
  let i = 0;
  const leads = foldedPhrases(leadIns).map((p) => p.split(' '));
  const trails = foldedPhrases(trailers).map((p) => p.split(' '));
  for (let changed = true; changed && i < words.length; ) {
    changed = false;
    for (const lead of leads) {
      if (i + lead.length < words.length && lead.every((w, j) => words[i + j]!.word === w)) {
        i += lead.length;
        changed = true;
        break;
      }
    }
  }
  let j = words.length;
  for (let changed = true; changed && j > i; ) {
    changed = false;
    for (const trail of trails) {
      if (j - trail.length > i && trail.every((w, k) => words[j - trail.length + k]!.word === w)) {
        j -= trail.length;
        changed = true;
        break;
      }
    }
  }
  if (i >= j) return { text: '', start: 0, end: 0 };
  const start = words[i]!.start;
  // Keep a leading elision or apostrophe-joined word whole ("O'Brien", "d'Arcy").
  const end = words[j - 1]!.end;
  return { text: text.slice(start, end), start, end };
}

function capitalise(word: string): string {
  const mixed = word !== word.toLowerCase() && word !== word.toUpperCase();
  if (mixed) return word.charAt(0).toUpperCase() + word.slice(1);
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function resolveName(text: string, env: Env, kind: 'first' | 'last'): ResolvedSlotValue | undefined {
  const core = stripLeadIns(text, NAME_LEAD_INS[env.lang], TRAILERS[env.lang]);
  const words = core.text.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter(Boolean);
  if (words.length === 0 || words.some((w) => !/^[\p{L}\p{M}'’-]+$/u.test(w))) return undefined;
  const picked = kind === 'first' ? words.slice(0, 1) : words.slice(0, 3);
  const name = picked.map(capitalise).join(' ');
  return value(picked.join(' '), name);
}

function resolvePlace(text: string, env: Env): ResolvedSlotValue | undefined {
  const core = stripLeadIns(text, PLACE_LEAD_INS[env.lang], TRAILERS[env.lang]);
  const place = trimSpan(core.text);
  return place ? value(place, place) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Percentages and currencies

function resolvePercentage(text: string, env: Env): ResolvedSlotValue | undefined {
  const r = recognize(recognizePercentage, text, env.culture)[0];
  if (r) {
    const n = canonicalNumber(String(r.resolution?.['value'] ?? '').replace(/%$/, ''));
    if (n !== undefined) return value(trimSpan(text.slice(r.start, r.end + 1)) || r.text, `${n}%`);
  }
  // recognizers-text misses "pour cent" in French.
  for (const n of numberSpans(text, env)) {
    const after = PERCENT_AFTER[env.lang].exec(text.slice(n.end));
    if (after) return value(trimSpan(text.slice(n.start, n.end + after[0].length)), `${n.value}%`);
  }
  return undefined;
}

const CURRENCY_UNITS: Record<string, string | 'LOCAL' | 'CENT'> = {
  dollar: 'LOCAL', dolar: 'LOCAL', buck: 'LOCAL', 'united states dollar': 'USD', 'us dollar': 'USD', 'dolar estadounidense': 'USD',
  'canadian dollar': 'CAD', 'dollar canadien': 'CAD', 'dolar canadiense': 'CAD', peso: 'MXN', 'peso mexicano': 'MXN', 'mexican peso': 'MXN',
  euro: 'EUR', pound: 'GBP', 'british pound': 'GBP', libra: 'GBP', livre: 'GBP', yen: 'JPY', cent: 'CENT', centavo: 'CENT', centimo: 'CENT',
  penny: 'CENT', pennies: 'CENT', sou: 'CENT',
};

function localCurrency(region: string): string {
  return region === 'CA' ? 'CAD' : region === 'MX' ? 'MXN' : 'USD';
}

function resolveCurrency(text: string, env: Env): ResolvedSlotValue | undefined {
  const local = localCurrency(env.region);
  for (const r of recognize(recognizeCurrency, text, env.culture)) {
    const amount = canonicalNumber(r.resolution?.['value']);
    if (amount === undefined) continue;
    const iso = r.resolution?.['isoCurrency'];
    const unit = CURRENCY_UNITS[fold(String(r.resolution?.['unit'] ?? ''))];
    let code = typeof iso === 'string' && /^[A-Z]{3}$/.test(iso) ? iso : unit === 'LOCAL' || unit === 'CENT' || unit === undefined ? local : unit;
    let n = Number(amount);
    if (unit === 'CENT' && !(typeof iso === 'string' && iso)) n /= 100;
    if (!Number.isFinite(n)) continue;
    if (code === 'LOCAL') code = local;
    return value(trimSpan(text.slice(r.start, r.end + 1)) || r.text, `${code} ${n.toFixed(2)}`);
  }
  // Lex: "five fifteen" → USD 515.00 — a bare number in the locale's currency.
  const n = bestNumber(text, env);
  if (!n || !Number.isFinite(Number(n.value))) return undefined;
  return value(trimSpan(text.slice(n.start, n.end)) || n.value, `${local} ${Number(n.value).toFixed(2)}`);
}

// ---------------------------------------------------------------------------------------------

type Resolver = (text: string, env: Env) => ResolvedSlotValue | undefined;

const RESOLVERS: Record<string, Resolver> = {
  'AMAZON.AlphaNumeric': (text, env) => alphaNumeric(text, env),
  'AMAZON.City': resolvePlace,
  'AMAZON.Confirmation': resolveConfirmation,
  'AMAZON.Country': resolvePlace,
  'AMAZON.Currency': resolveCurrency,
  'AMAZON.Date': resolveDate,
  'AMAZON.Duration': resolveDuration,
  'AMAZON.EmailAddress': resolveEmail,
  'AMAZON.FirstName': (text, env) => resolveName(text, env, 'first'),
  'AMAZON.FreeFormInput': (text) => {
    const t = text.trim();
    return t ? value(t, t) : undefined;
  },
  'AMAZON.LastName': (text, env) => resolveName(text, env, 'last'),
  'AMAZON.Number': resolveNumber,
  'AMAZON.Percentage': resolvePercentage,
  'AMAZON.PhoneNumber': resolvePhone,
  'AMAZON.State': resolvePlace,
  'AMAZON.StreetName': resolvePlace,
  'AMAZON.Time': resolveTime,
};

/**
 * Resolves `text` as built-in slot type `name` (`AMAZON.X`); undefined when nothing resolves or the
 * type is not supported.
 */
export function resolveBuiltIn(text: string, name: string, ctx: BuiltInContext): ResolvedSlotValue | undefined {
  const resolver = RESOLVERS[name];
  if (!resolver || !text.trim()) return undefined;
  return resolver(text, envOf(ctx));
}
