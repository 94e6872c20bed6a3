/**
 * Text output of `bots deploy`: the plan in the style of plan tools (`+` create, `~` update with
 * the fields that differ, `-` delete), build failures next to their files, and the summary per
 * target.
 * @module
 */
import type { DeployResult } from './index.js';
import type { BotResult, Change, FlowPlan, FlowsResult, Plan } from './types.js';

/** Colour functions (identity functions when colour is off). */
export interface Colors {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** No colour. */
export const plainColors: Colors = { green: (s) => s, yellow: (s) => s, red: (s) => s, dim: (s) => s, bold: (s) => s };

const KIND_LABEL: Record<Change['kind'], string> = {
  bot: 'bot',
  tags: 'tags of bot',
  locale: 'locale',
  slotType: 'slot type',
  vocabulary: 'vocabulary item',
  intent: 'intent',
  slot: 'slot',
  build: 'build',
  version: 'version',
  alias: 'alias',
  lambdaPermission: 'Lambda permission',
  connectPolicy: 'Connect alias policy',
  connectAssociation: 'Connect association',
  flow: 'contact flow',
};

/** One plan line, e.g. `~ intent en_US/CheckBalance (sampleUtterances)  intents/en_US/CheckBalance.yaml`. */
export function formatChange(c: Change, col: Colors = plainColors): string {
  const sign = c.kind === 'build' ? col.yellow('~') : c.action === 'create' ? col.green('+') : c.action === 'update' ? col.yellow('~') : col.red('-');
  const name = c.localeId && c.kind !== 'locale' && c.kind !== 'build' ? `${c.localeId}/${c.name}` : c.name;
  const fields = c.fields?.length ? ` ${col.yellow(`(${c.fields.join(', ')})`)}` : '';
  const detail = c.detail ? ` ${c.detail}` : '';
  const file = c.file ? `  ${col.dim(c.file)}` : '';
  return `${sign} ${KIND_LABEL[c.kind]} ${name}${fields}${detail}${file}`;
}

/** The plan of one bot in one target, as a block of lines ending in a newline. */
export function formatPlan(plan: Plan, col: Colors = plainColors): string {
  const head = `${col.bold(plan.bot)} → ${plan.target}${plan.target === plan.region ? '' : ` (${plan.region})`}${plan.botId ? col.dim(` bot ${plan.botId}`) : ''}`;
  if (plan.noChanges) return `${head}: ${col.green('no changes')}\n${plan.notes.map((n) => `  ${col.dim(`note: ${n}`)}\n`).join('')}`;
  const builds = plan.changes.filter((c) => c.kind === 'build').length;
  const lines = [
    `${head}`,
    ...plan.changes.map((c) => `  ${formatChange(c, col)}`),
    ...plan.notes.map((n) => `  ${col.dim(`note: ${n}`)}`),
    `  Plan: ${plan.summary.create} to create, ${plan.summary.update} to update, ${plan.summary.delete} to delete${builds ? `; ${builds} locale build${builds > 1 ? 's' : ''}` : ''}.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The contact-flow plan of one target, as a block of lines ending in a newline. */
export function formatFlowPlan(plan: FlowPlan, col: Colors = plainColors): string {
  const head = `${col.bold('contact flows')} → ${plan.target}${plan.target === plan.region ? '' : ` (${plan.region})`}${col.dim(` instance ${plan.instanceId}`)}`;
  const notes = plan.notes.map((n) => `  ${col.dim(`note: ${n}`)}`);
  if (plan.noChanges) return `${[`${head}: ${col.green('no changes')}`, ...notes].join('\n')}\n`;
  const lines = [head, ...plan.changes.map((c) => `  ${formatChange(c, col)}`), ...notes, `  Plan: ${plan.summary.create} to create, ${plan.summary.update} to update.`];
  return `${lines.join('\n')}\n`;
}

/** The summary status of a target's contact flows. */
function flowStatus(f: FlowsResult, col: Colors): string {
  const n = f.plan?.flows.length ?? 0;
  switch (f.status) {
    case 'applied':
      return `${col.green('✔ deployed')} ${f.plan?.summary.create ?? 0} created, ${f.plan?.summary.update ?? 0} updated of ${n}`;
    case 'no-changes':
      return `${col.green('✔ no changes')} (${n} flows)`;
    case 'planned':
      return f.plan?.noChanges ? col.green('no changes') : `${col.yellow('planned')} ${f.plan?.summary.create} to create, ${f.plan?.summary.update} to update`;
    case 'skipped':
      return `${col.yellow('skipped')} ${f.error ?? ''}`;
    case 'cancelled':
      return col.yellow('cancelled');
    default:
      return `${col.red('✖ failed')} ${f.error ?? ''}`;
  }
}

function callsOf(b: Pick<BotResult, 'calls'>): string {
  const c = b.calls;
  return `${c.total} calls (${c.reads} reads, ${c.writes} writes${c.retries ? `, ${c.retries} retries` : ''})`;
}

/** The summary after a deploy: one line per bot and target, then build failures and warnings. */
export function formatSummary(result: DeployResult, col: Colors = plainColors): string {
  const rows = result.targets.flatMap((t) => t.bots.map((b) => ({ t, b })));
  if (!rows.length) return '';
  const w1 = Math.max(...rows.map(({ t }) => t.target.length));
  const w2 = Math.max(...rows.map(({ b }) => b.bot.length), ...result.targets.filter((t) => t.flows).map(() => 'flows'.length));
  const out: string[] = [col.bold('Summary')];
  for (const { t, b } of rows) {
    let status: string;
    switch (b.status) {
      case 'applied':
        status = `${col.green('✔ deployed')} version ${b.botVersion ?? '?'} on alias ${b.plan?.alias.name ?? ''}${b.aliasId ? ` (${b.aliasId})` : ''}`;
        break;
      case 'no-changes':
        status = `${col.green('✔ no changes')}${b.botVersion ? ` version ${b.botVersion} on alias ${b.plan?.alias.name ?? ''}${b.aliasId ? ` (${b.aliasId})` : ''}` : ''}`;
        break;
      case 'planned':
        status = b.plan?.noChanges ? col.green('no changes') : `${col.yellow('planned')} ${b.plan?.summary.create} to create, ${b.plan?.summary.update} to update, ${b.plan?.summary.delete} to delete`;
        break;
      case 'cancelled':
        status = col.yellow('cancelled');
        break;
      default:
        status = `${col.red('✖ failed')} ${b.error ?? ''}`;
    }
    out.push(`  ${t.target.padEnd(w1)}  ${b.bot.padEnd(w2)}  ${status}  ${col.dim(`${callsOf(b)}, ${(b.durationMs / 1000).toFixed(1)}s`)}`);
  }
  for (const t of result.targets) {
    if (t.flows) out.push(`  ${t.target.padEnd(w1)}  ${'flows'.padEnd(w2)}  ${flowStatus(t.flows, col)}  ${col.dim(`${callsOf(t.flows)}, ${(t.flows.durationMs / 1000).toFixed(1)}s`)}`);
  }
  for (const { t, b } of rows) {
    if (b.failures?.length) {
      out.push('', `${col.red('Build failures')} (${b.bot} in ${t.target}; Lex's reasons at the definitions they concern):`);
      for (const f of b.failures) out.push(`  ${f.file}:${f.line}:${f.column}  ${col.dim(f.localeId)}  ${f.reason}`);
    }
    for (const w of b.warnings) out.push(`  ${col.yellow('warning')} ${t.target} ${b.bot}: ${w}`);
  }
  return `${out.join('\n')}\n`;
}

/** How to talk to what a local deploy deployed (the alias of the first bot). */
export function formatLocalHint(result: DeployResult, endpoint: string | undefined, col: Colors = plainColors): string {
  const local = result.targets.find((t) => t.kind === 'local');
  const b = local?.bots.find((x) => x.aliasId && x.botId);
  if (!b) return '';
  const locale = b.example?.localeId ?? b.plan?.locales[0]?.localeId ?? 'en_US';
  const text = (b.example?.text ?? 'hello').replace(/"/g, '\\"');
  const url = endpoint ?? 'http://127.0.0.1:4566';
  return [
    '',
    col.bold('Talk to it'),
    `  npx bots chat${locale === 'en_US' ? '' : ` --locale ${locale}`}`,
    '',
    // The AWS CLI signs every request; the emulator accepts any signature, so dummy keys do.
    `  or with the AWS CLI (${endpoint ? 'the emulator is running' : 'start the emulator on the same data first: npx bots local serve'}):`,
    `  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws lexv2-runtime recognize-text --endpoint-url ${url} --region ${local!.region} \\`,
    `    --bot-id ${b.botId} --bot-alias-id ${b.aliasId} --locale-id ${locale} --session-id demo --text "${text}"`,
    '',
  ].join('\n');
}
