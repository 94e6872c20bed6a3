/**
 * Contact flows (`flows/*.json`, the Amazon Connect Flow language): action types and parameters
 * from the language reference, transitions, reachability, error branches, references by name to
 * the project's bots and to the Connect resources of `flows/instance.yaml`, bot locales for the
 * languages a flow sets, and contact attributes read but never set.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import { closest } from 'fastest-levenshtein';
import { attributeReads, attributeWrites, edgesOf, flowLanguages, localeOfLanguage, reachable } from '../../flows/analysis.js';
import { ACTIONS, ALL_ACTION_TYPES, COMPARE_OPERATORS, OPAQUE_ACTION_TYPES } from '../../flows/catalogue.js';
import type { ContactFlow, FlowAction } from '../../flows/model.js';
import { findReferences, type ReferenceKind } from '../../flows/references.js';
import type { RuleContext, RuleFamily } from '../rule.js';

const LANG = 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html';

/** Flow rules. */
export const flowRules: RuleFamily = {
  rules: [
    { id: 'flows/format', severity: 'error', description: 'A flow file is Flow-language JSON: Version 2019-10-30, StartAction, Actions with unique Identifier and a Type.', source: LANG },
    { id: 'flows/unknown-action', severity: 'error', description: 'Every action Type is one of the Flow language reference.', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html' },
    { id: 'flows/unknown-parameter', severity: 'error', description: 'Every Parameters key is one the action takes.', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html' },
    { id: 'flows/parameter-value', severity: 'error', description: 'Required parameters are present, exclusive ones are not combined, values are in range, and conditions fit the action (CheckHoursOfOperation True/False, Loop, Compare operators).', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html' },
    { id: 'flows/missing-action', severity: 'error', description: 'StartAction and every transition name an action of the flow.', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html' },
    { id: 'flows/no-next-action', severity: 'error', description: 'An action that does not end the flow has somewhere to go (NextAction or conditions).', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html' },
    { id: 'flows/unreachable-action', severity: 'warning', description: 'Every action can be reached from StartAction.', source: 'docs/flows.md#validation' },
    { id: 'flows/missing-error-branch', severity: 'error', description: 'Every error an action can raise has a branch (NoMatchingCondition when it has conditions).', source: 'https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html' },
    { id: 'flows/unknown-reference', severity: 'error', description: 'Every {{kind:Name}} reference names a bot of bots/, a flow of flows/, or a queue, hours of operation, prompt, Lambda or phone number of flows/instance.yaml.', source: 'docs/flows.md#references' },
    { id: 'flows/missing-locale', severity: 'error', description: 'A bot a flow connects to has a locale for every language the flow can set.', source: 'https://docs.aws.amazon.com/connect/latest/adminguide/get-customer-input.html' },
    { id: 'flows/unset-attribute', severity: 'warning', description: 'Every contact attribute a flow reads ($.Attributes.x) is set by a flow of the project.', source: 'https://docs.aws.amazon.com/connect/latest/adminguide/connect-contact-attributes.html' },
  ],

  checkProject(ctx) {
    const pf = ctx.project.flows;
    if (!pf) return;
    const written = new Set<string>();
    for (const f of pf.flows) for (const a of f.actions) for (const k of Object.keys(attributeWrites(a))) written.add(k);
    for (const flow of pf.flows) {
      checkFlow(ctx, flow);
      checkReferences(ctx, flow);
      checkLocales(ctx, flow, pf.flows);
      for (const a of flow.actions) {
        for (const r of attributeReads(a)) {
          if (written.has(r.name)) continue;
          ctx.report('flows/unset-attribute', { file: flow.file, path: r.path }, `Action ${a.id} reads contact attribute "${r.name}", which no flow sets.`, `Set it with an UpdateContactAttributes action first${closestOf(r.name, [...written])}, or read it from where it comes from ($.External, $.Lex.SessionAttributes).`);
        }
      }
    }
  },
};

function closestOf(name: string, names: readonly string[]): string {
  if (!names.length) return '';
  const c = closest(name, [...names]);
  return c && c.toLowerCase().slice(0, 3) === name.toLowerCase().slice(0, 3) ? ` (did you mean "${c}"?)` : '';
}

function checkFlow(ctx: RuleContext, flow: ContactFlow): void {
  const file = flow.file;
  if (flow.startAction && !flow.byId.has(flow.startAction)) {
    ctx.report('flows/missing-action', { file, path: ['StartAction'] }, `StartAction "${flow.startAction}" is not an action of ${flow.name}.`, `Set it to one of the Identifiers${closestOf(flow.startAction, [...flow.byId.keys()])}.`);
  }
  const seen = reachable(flow);
  for (const action of flow.actions) {
    const at = (...p: (string | number)[]) => ({ file, path: [...action.at.path, ...p] });
    for (const e of edgesOf(action)) {
      if (!flow.byId.has(e.to)) {
        ctx.report('flows/missing-action', { file, path: e.path }, `Action ${action.id} goes to "${e.to}"${e.label ? ` (${e.label})` : ''}, which is not an action of ${flow.name}.`, `Point it at an existing Identifier${closestOf(e.to, [...flow.byId.keys()])}.`);
      }
    }
    if (flow.byId.has(flow.startAction) && !seen.has(action.id)) {
      ctx.report('flows/unreachable-action', at('Identifier'), `Action ${action.id} (${action.type}) cannot be reached from StartAction.`, 'Connect a transition to it, or remove it.');
    }
    const spec = ACTIONS[action.type];
    if (!spec) {
      if (!OPAQUE_ACTION_TYPES.has(action.type)) {
        ctx.report('flows/unknown-action', at('Type'), `Unknown action type "${action.type}"${dot(suggest(action.type, ALL_ACTION_TYPES))}`, 'Use an action type of the Flow language reference (docs/flows.md lists the ones bots call runs).');
      }
      continue;
    }
    for (const key of Object.keys(action.parameters)) {
      if (!spec.parameters.includes(key)) {
        ctx.report('flows/unknown-parameter', at('Parameters', key), `${action.type} takes no parameter "${key}"${dot(suggest(key, spec.parameters))}`, spec.parameters.length ? `Its parameters: ${spec.parameters.join(', ')} (${spec.doc}).` : `It takes no parameters (${spec.doc}).`);
      }
    }
    checkValues(ctx, flow, action);
    // Branches
    const hasConditions = action.conditions.length > 0;
    for (const type of spec.errors) {
      if (type === 'NoMatchingCondition' && !hasConditions && action.type !== 'Compare') continue;
      if (!action.errors.some((e) => e.errorType === type)) {
        ctx.report('flows/missing-error-branch', at('Transitions'), `${action.type} ${action.id} has no branch for error ${type}.`, `Add {"NextAction": "<id>", "ErrorType": "${type}"} to Transitions.Errors: without it the contact is dropped when that error happens.`);
      }
    }
    for (const e of action.errors) {
      if (!spec.errors.includes(e.errorType)) {
        ctx.report('flows/parameter-value', { file, path: e.at.path }, `${action.type} never raises ${e.errorType}.`, spec.errors.length ? `Its errors: ${spec.errors.join(', ')}.` : 'It raises no errors; remove the branch.');
      }
    }
    if (!spec.terminal && action.next === undefined && !hasConditions && action.type !== 'TransferContactToQueue') {
      ctx.report('flows/no-next-action', at('Transitions'), `${action.type} ${action.id} has no NextAction: a contact that gets here is stuck.`, 'Add Transitions.NextAction, or end the flow with DisconnectParticipant or EndFlowExecution.');
    }
    if (spec.terminal && action.next !== undefined) {
      ctx.report('flows/parameter-value', at('Transitions', 'NextAction'), `${action.type} ends the flow, so its NextAction is never taken.`, 'Remove Transitions.NextAction.');
    }
  }
}

function checkValues(ctx: RuleContext, flow: ContactFlow, action: FlowAction): void {
  const spec = ACTIONS[action.type]!;
  const p = action.parameters;
  const at = (...path: (string | number)[]) => ({ file: flow.file, path: [...action.at.path, ...path] });
  const bad = (path: (string | number)[], message: string, hint: string) => ctx.report('flows/parameter-value', at(...path), message, hint);
  for (const key of spec.required ?? []) if (p[key] === undefined) bad(['Parameters'], `${action.type} ${action.id} needs parameter ${key}.`, `Add "${key}" (${spec.doc}).`);
  const set = (spec.exclusive ?? []).filter((k) => p[k] !== undefined);
  if (set.length > 1) bad(['Parameters', set[1]!], `${action.type} ${action.id} sets ${set.join(' and ')}; only one may be given.`, `Keep one of ${spec.exclusive!.join(', ')}.`);
  if (action.type === 'InvokeLambdaFunction' && p.InvocationTimeLimitSeconds !== undefined) {
    const n = Number(p.InvocationTimeLimitSeconds);
    if (!Number.isInteger(n) || n < 1 || n > 8) bad(['Parameters', 'InvocationTimeLimitSeconds'], `InvocationTimeLimitSeconds is ${JSON.stringify(p.InvocationTimeLimitSeconds)}; Connect waits 1 to 8 seconds for a synchronous Lambda.`, 'Use an integer from 1 to 8.');
  }
  if (action.type === 'UpdateContactAttributes' && p.TargetContact !== undefined && p.TargetContact !== 'Current' && p.TargetContact !== 'Related') {
    bad(['Parameters', 'TargetContact'], `TargetContact is ${JSON.stringify(p.TargetContact)}.`, 'Use "Current" or "Related".');
  }
  if (action.type === 'UpdateContactCallbackNumber' && typeof p.CallbackNumber === 'string' && !p.CallbackNumber.startsWith('$.')) {
    bad(['Parameters', 'CallbackNumber'], 'CallbackNumber must be a JSONPath reference, not a static number.', 'Use e.g. "$.Lex.SessionAttributes.callbackNumber" or "$.CustomerEndpoint.Address".');
  }
  const ops = action.conditions;
  switch (spec.conditions) {
    case 'none':
      if (ops.length) bad(['Transitions', 'Conditions'], `${action.type} takes no conditions.`, 'Remove Transitions.Conditions; use NextAction.');
      break;
    case 'boolean': {
      const values = ops.map((c) => `${c.operator} ${c.operands.join(',')}`).sort().join('; ');
      if (values !== 'Equals False; Equals True') bad(['Transitions', 'Conditions'], `${action.type} needs exactly one condition Equals True and one Equals False (has: ${values || 'none'}).`, 'Add both branches: in hours (True) and out of hours (False).');
      break;
    }
    case 'loop': {
      const values = new Set(ops.map((c) => c.operands[0]));
      if (!values.has('ContinueLooping') || !values.has('DoneLooping')) bad(['Transitions', 'Conditions'], 'Loop needs conditions Equals ContinueLooping and Equals DoneLooping.', 'Add both branches.');
      break;
    }
    case 'compare':
      for (const c of ops) {
        if (!COMPARE_OPERATORS.has(c.operator)) ctx.report('flows/parameter-value', { file: flow.file, path: [...c.at.path, 'Condition', 'Operator'] }, `Unknown condition operator "${c.operator}"${dot(suggest(c.operator, [...COMPARE_OPERATORS]))}`, `Use one of ${[...COMPARE_OPERATORS].join(', ')}.`);
        else if (c.operands.length !== 1) ctx.report('flows/parameter-value', { file: flow.file, path: [...c.at.path, 'Condition', 'Operands'] }, `A condition has ${c.operands.length} operands; it takes one.`, 'Give Operands one value.');
      }
      if (action.type === 'Compare' && !ops.length) bad(['Transitions'], 'Compare has no conditions.', 'Add Transitions.Conditions, or remove the action.');
      break;
  }
}

function checkReferences(ctx: RuleContext, flow: ContactFlow): void {
  const pf = ctx.project.flows!;
  const inst = pf.instance;
  const names: Record<ReferenceKind, string[]> = {
    bot: ctx.project.bots.map((b) => b.name),
    flow: pf.flows.map((f) => f.name),
    queue: inst?.queues.map((q) => q.name) ?? [],
    hoursOfOperation: inst?.hoursOfOperation.map((h) => h.name) ?? [],
    prompt: inst?.prompts.map((p) => p.name) ?? [],
    lambda: inst?.lambdas.map((l) => l.name) ?? [],
    phoneNumber: inst?.phoneNumbers.map((p) => p.name) ?? [],
  };
  const { references, bad } = findReferences(flow.content);
  for (const b of bad) {
    ctx.report('flows/unknown-reference', { file: flow.file, path: b.path }, `"${b.text}" is not a reference.`, 'Write {{kind:Name}} with kind one of bot, lambda, queue, hoursOfOperation, prompt, flow, phoneNumber.');
  }
  for (const r of references) {
    if (names[r.kind].includes(r.name)) {
      if (r.kind === 'flow' && r.name === flow.name) ctx.report('flows/unknown-reference', { file: flow.file, path: r.path }, `${flow.name} refers to itself.`, 'Refer to another flow.');
      continue;
    }
    const where = r.kind === 'bot' ? 'bots/' : r.kind === 'flow' ? 'flows/' : 'flows/instance.yaml';
    ctx.report('flows/unknown-reference', { file: flow.file, path: r.path }, `${r.text}: there is no ${r.kind} named ${r.name} in ${where}${dot(suggest(r.name, names[r.kind]))}`, names[r.kind].length ? `Known: ${names[r.kind].join(', ')}.` : `Define it in ${where}.`);
  }
}

function checkLocales(ctx: RuleContext, flow: ContactFlow, flows: readonly ContactFlow[]): void {
  const languages = flowLanguages(flow, flows);
  if (!languages.length) return;
  for (const a of flow.actions) {
    if (a.type !== 'ConnectParticipantWithLexBot') continue;
    for (const r of findReferences(a.parameters, [...a.at.path, 'Parameters']).references) {
      if (r.kind !== 'bot') continue;
      const bot = ctx.project.bots.find((b) => b.name === r.name);
      if (!bot) continue;
      const have = new Set(bot.locales.map((l) => l.localeId));
      const missing = [...new Set(languages.map((l) => localeOfLanguage(l.language)))].filter((l) => !have.has(l));
      for (const locale of missing) {
        ctx.report('flows/missing-locale', { file: flow.file, path: r.path }, `Action ${a.id} connects to ${bot.name}, which has no locale ${locale}, but ${flow.name} can set the language to ${locale.replace('_', '-')}.`, `Add ${locale} to ${bot.file}, or stop the flow from setting that language.`);
      }
    }
  }
}

/** A suggestion ends the sentence with its question mark; without one, a full stop. */
function dot(suggestion: string): string {
  return suggestion || '.';
}

function suggest(name: string, names: readonly string[]): string {
  if (!names.length) return '';
  const c = closest(name, [...names]);
  return c && c !== name && levenshteinClose(name, c) ? `: did you mean "${c}"?` : '';
}

function levenshteinClose(a: string, b: string): boolean {
  // Within a third of the length: "MessageParticpant" → "MessageParticipant", not "Foo" → "Loop".
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}
