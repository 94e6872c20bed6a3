/**
 * Flow fixtures: a small valid inbound flow over the base test project (bot Demo, en_US), and
 * helpers to change one thing in it.
 */
import { baseFiles, type Files } from '../helpers/project.js';

type Action = { Identifier: string; Type: string; Parameters: Record<string, unknown>; Transitions: Record<string, unknown> };

const err = (next: string, ...types: string[]) => types.map((ErrorType) => ({ NextAction: next, ErrorType }));

/** The actions of a small valid flow: attributes → hours → Lambda → bot → route → queue/transfer, hang-up. */
export function smallFlowActions(): Action[] {
  return [
    { Identifier: 'start', Type: 'UpdateContactAttributes', Parameters: { Attributes: { greeting: 'Hello' }, TargetContact: 'Current' }, Transitions: { NextAction: 'hours', Errors: err('hours', 'NoMatchingError') } },
    { Identifier: 'hours', Type: 'CheckHoursOfOperation', Parameters: { HoursOfOperationId: '{{hoursOfOperation:Office}}' }, Transitions: { NextAction: 'lookup', Conditions: [{ NextAction: 'lookup', Condition: { Operator: 'Equals', Operands: ['True'] } }, { NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['False'] } }], Errors: err('lookup', 'NoMatchingError') } },
    { Identifier: 'lookup', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: '{{lambda:Lookup}}', InvocationTimeLimitSeconds: '8' }, Transitions: { NextAction: 'bot', Errors: err('bot', 'NoMatchingError') } },
    { Identifier: 'bot', Type: 'ConnectParticipantWithLexBot', Parameters: { Text: '$.Attributes.greeting', LexV2Bot: { AliasArn: '{{bot:Demo}}' } }, Transitions: { NextAction: 'route', Errors: err('queue', 'InputTimeLimitExceeded', 'NoMatchingError') } },
    { Identifier: 'route', Type: 'Compare', Parameters: { ComparisonValue: '$.Lex.SessionAttributes.nextAction' }, Transitions: { NextAction: 'bye', Conditions: [{ NextAction: 'queue', Condition: { Operator: 'Equals', Operands: ['TransferToAgent'] } }], Errors: err('bye', 'NoMatchingCondition') } },
    { Identifier: 'queue', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: '{{queue:General}}' }, Transitions: { NextAction: 'transfer', Errors: err('bye', 'NoMatchingError') } },
    { Identifier: 'transfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { Errors: err('bye', 'QueueAtCapacity', 'NoMatchingError') } },
    { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ];
}

/** The flow document around `actions`. */
export function flowJson(actions: Action[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ Version: '2019-10-30', StartAction: 'start', Metadata: { name: 'Inbound', type: 'contactFlow' }, Actions: actions, ...extra }, null, 2)}\n`;
}

/** The resources file of the small flow. */
export const SMALL_INSTANCE = {
  queues: [{ name: 'General' }],
  hoursOfOperation: [{ name: 'Office', timeZone: 'America/New_York', config: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] }],
  lambdas: [{ name: 'Lookup', function: 'connect' }],
};

/** The base project plus the small flow, with `change` applied to a copy of its actions. */
export function flowFiles(change: (actions: Action[]) => Action[] | void = () => undefined, overrides: Files = {}): Files {
  const actions = smallFlowActions();
  const changed = change(actions) ?? actions;
  return baseFiles({ 'flows/Inbound.json': flowJson(changed), 'flows/instance.yaml': SMALL_INSTANCE, ...overrides });
}

/** The action with `id`. */
export function action(actions: Action[], id: string): Action {
  const a = actions.find((x) => x.Identifier === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
}
