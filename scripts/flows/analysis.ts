/**
 * Static facts about flows that validation, the graph and the simulator share: where each action
 * can go, which actions a contact can reach, which contact attributes are read and set, and the
 * languages a flow can set.
 * @module
 */
import type { NodePath } from '../definitions/source.js';
import type { ContactFlow, FlowAction } from './model.js';

/** One outgoing edge of an action. */
export interface FlowEdge {
  to: string;
  /** `next`, `condition` or `error`. */
  kind: 'next' | 'condition' | 'error';
  /** Edge label: the condition (`= 2`) or the error type. */
  label?: string;
  /** Path of the JSON value naming the target. */
  path: NodePath;
}

/** Every transition of `action`, in file order: conditions, NextAction, errors. */
export function edgesOf(action: FlowAction): FlowEdge[] {
  const base = action.at.path;
  const out: FlowEdge[] = action.conditions.map((c) => ({
    to: c.next,
    kind: 'condition' as const,
    label: `${c.operator === 'Equals' ? '=' : c.operator} ${c.operands.join(', ')}`,
    path: [...c.at.path, 'NextAction'],
  }));
  if (action.next !== undefined) out.push({ to: action.next, kind: 'next', path: [...base, 'Transitions', 'NextAction'] });
  for (const e of action.errors) out.push({ to: e.next, kind: 'error', label: e.errorType, path: [...e.at.path, 'NextAction'] });
  return out;
}

/** Ids of the actions reachable from the flow's StartAction (the start included). */
export function reachable(flow: ContactFlow): Set<string> {
  const seen = new Set<string>();
  const stack = flow.byId.has(flow.startAction) ? [flow.startAction] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edgesOf(flow.byId.get(id)!)) if (flow.byId.has(e.to) && !seen.has(e.to)) stack.push(e.to);
  }
  return seen;
}

const READ = /\$\.Attributes\.([A-Za-z0-9_-]+)/g;

/** A user-defined contact attribute read by an action (`$.Attributes.<name>`). */
export interface AttributeRead {
  name: string;
  action: FlowAction;
  path: NodePath;
}

/** Every `$.Attributes.<name>` an action reads, with the path of the value. */
export function attributeReads(action: FlowAction): AttributeRead[] {
  const out: AttributeRead[] = [];
  const walk = (v: unknown, p: NodePath) => {
    if (typeof v === 'string') for (const m of v.matchAll(READ)) out.push({ name: m[1]!, action, path: p });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(action.parameters, [...action.at.path, 'Parameters']);
  return out;
}

/** The attributes an action sets (UpdateContactAttributes on the current contact) with their values. */
export function attributeWrites(action: FlowAction): Record<string, string> {
  if (action.type !== 'UpdateContactAttributes') return {};
  if (action.parameters.TargetContact !== undefined && action.parameters.TargetContact !== 'Current') return {};
  const attrs = action.parameters.Attributes;
  if (!attrs || typeof attrs !== 'object') return {};
  return Object.fromEntries(Object.entries(attrs as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/**
 * The languages (`en-US`, ...) a flow can give the contact: static `UpdateContactData.LanguageCode`
 * values, and for a `$.Attributes.<x>` LanguageCode every static value any UpdateContactAttributes
 * of `flows` sets `<x>` to.
 */
export function flowLanguages(flow: ContactFlow, flows: readonly ContactFlow[]): { language: string; action: FlowAction }[] {
  const out: { language: string; action: FlowAction }[] = [];
  for (const a of flow.actions) {
    if (a.type !== 'UpdateContactData' || typeof a.parameters.LanguageCode !== 'string') continue;
    const code = a.parameters.LanguageCode;
    const m = /^\$\.Attributes\.([A-Za-z0-9_-]+)$/.exec(code);
    if (!m) {
      if (!code.startsWith('$.')) out.push({ language: code, action: a });
      continue;
    }
    for (const f of flows) for (const w of f.actions) {
      const v = attributeWrites(w)[m[1]!];
      if (v !== undefined && !v.startsWith('$.')) out.push({ language: v, action: w });
    }
  }
  return out;
}

/** The Lex locale id of a Connect language code: `es-US` → `es_US`. */
export function localeOfLanguage(code: string): string {
  return code.replace('-', '_');
}
