/**
 * Conversation tests as an Amazon Lex Test Workbench test set (CSV, text modality): one `User` row
 * per user turn with its expected intent and slots, and, when the tests were run, the bot's answer
 * as an `Agent` row after it. All turns of a conversation share a `Conversation #`.
 *
 * Columns: `Line #`, `Conversation #`, `Source`, `Input`, `Expected Output Intent`,
 * `Expected Output Slot 1..N` (`SlotName = value`), and `Session Attribute` columns
 * (`name = value`; the cell syntax of attribute columns is not spelled out in the documentation, this
 * follows the slot convention). A test set runs against one bot locale, so one CSV is written per
 * bot and locale.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/create-test-set-from-CSV.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/file-input-test-sets.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/tips-create-test-set.html
 * @module
 */
import type { ConversationOutcome } from './runner.js';
import type { ConversationTest } from './test-file.js';

/** One test set: the CSV of one bot locale. */
export interface WorkbenchTestSet {
  bot: string;
  locale: string;
  csv: string;
  conversations: number;
  /** User rows. */
  turns: number;
}

/** The export, and the conversations left out with why. */
export interface WorkbenchExport {
  testSets: WorkbenchTestSet[];
  skipped: { id: string; reason: string }[];
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record (CRLF line ends, as RFC 4180). */
export const csvRow = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** Why a conversation cannot be replayed by Test Workbench, or undefined. */
function notExportable(t: ConversationTest): string | undefined {
  if (t.contact) return 'uses the simulated Connect lookup (local only)';
  if (t.flowCall) return 'starts from a contact flow (local only)';
  if (t.turns.some((x) => x.kind === 'user' && /\{(otp|wrongOtp|sessionId)/.test(x.user))) return 'reads passcodes from the local SMS outbox or uses {sessionId} (local only)';
  if (!t.targets.includes('aws')) return 'runs only on the local target';
  return undefined;
}

interface Row {
  conversation: number;
  source: 'User' | 'Agent';
  input: string;
  intent: string;
  slots: string[];
  attributes: string[];
}

/**
 * Builds the test sets. `outcomes` (from a run) adds the bot's answers as Agent rows and fills an
 * expected intent a turn does not state with the intent the bot recognised.
 */
export function toWorkbench(tests: readonly ConversationTest[], outcomes: readonly ConversationOutcome[] = []): WorkbenchExport {
  const byId = new Map(outcomes.map((o) => [o.test.id, o]));
  const groups = new Map<string, { bot: string; locale: string; rows: Row[]; conversations: number; turns: number }>();
  const skipped: WorkbenchExport['skipped'] = [];
  for (const t of tests) {
    const reason = notExportable(t);
    if (reason) {
      skipped.push({ id: t.id, reason });
      continue;
    }
    const key = `${t.bot}\u0000${t.locale}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { bot: t.bot, locale: t.locale, rows: [], conversations: 0, turns: 0 }));
    const conversation = ++g.conversations;
    const outcome = byId.get(t.id);
    let attrs: Record<string, string> = { ...t.sessionAttributes };
    let pending = true; // send the attributes with the next user row
    for (const [i, turn] of t.turns.entries()) {
      if (turn.kind === 'attributes') {
        for (const [k, v] of Object.entries(turn.attributes)) {
          if (v === null) delete attrs[k];
          else attrs[k] = v;
        }
        attrs = { ...attrs };
        pending = true;
        continue;
      }
      const ran = outcome?.turns.find((x) => x.index === i)?.result;
      const interp = turn.expect.interpretation;
      // The recognised intent (what Test Workbench scores as intent classification), else the active one.
      const intent = (typeof interp === 'string' ? interp : interp?.intent) ?? turn.expect.intent ?? ran?.interpretations[0]?.intent ?? ran?.intent?.name ?? '';
      const slots = Object.entries(turn.expect.slots ?? {})
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `${k} = ${v}`);
      const attributes = pending ? Object.entries(attrs).map(([k, v]) => `${k} = ${v}`) : [];
      pending = false;
      g.rows.push({ conversation, source: 'User', input: turn.user, intent, slots, attributes });
      g.turns++;
      const said = ran?.messages.map((m) => m.text).join(' ');
      if (said) g.rows.push({ conversation, source: 'Agent', input: said, intent: '', slots: [], attributes: [] });
    }
  }
  const testSets: WorkbenchTestSet[] = [...groups.values()].map((g) => {
    const slotCols = Math.max(1, ...g.rows.map((r) => r.slots.length));
    const attrCols = Math.max(0, ...g.rows.map((r) => r.attributes.length));
    const header = ['Line #', 'Conversation #', 'Source', 'Input', 'Expected Output Intent'];
    for (let i = 1; i <= slotCols; i++) header.push(`Expected Output Slot ${i}`);
    for (let i = 1; i <= attrCols; i++) header.push('Session Attribute');
    let csv = csvRow(header);
    g.rows.forEach((r, i) => {
      const fields = [String(i + 1), String(r.conversation), r.source, r.input, r.intent];
      for (let k = 0; k < slotCols; k++) fields.push(r.slots[k] ?? '');
      for (let k = 0; k < attrCols; k++) fields.push(r.attributes[k] ?? '');
      csv += csvRow(fields);
    });
    return { bot: g.bot, locale: g.locale, csv, conversations: g.conversations, turns: g.turns };
  });
  return { testSets, skipped };
}
