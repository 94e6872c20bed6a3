/**
 * The route table: intent names of the shipped bot (`intents/<locale>/`) → handlers.
 * @module
 */
import type { Route } from '../lex/router.js';
import { checkBalance } from './account.js';
import type { HandlerDeps } from './deps.js';
import { answerQuestion } from './knowledge.js';
import { verifyIdentity } from './otp.js';
import { requestCallback } from './callback.js';
import { businessHours, endConversation, talkToAgent, unknownIntent } from './routing.js';

export const ROUTES: Route<HandlerDeps>[] = [
  { intent: 'CheckBalance', handle: checkBalance },
  { intent: 'VerifyIdentity', handle: verifyIdentity },
  { intent: 'AskQuestion', handle: answerQuestion },
  { intent: 'FallbackIntent', handle: answerQuestion },
  { intent: 'TalkToAgent', handle: talkToAgent },
  { intent: 'RequestCallback', handle: requestCallback },
  { intent: 'BusinessHours', handle: businessHours },
  { intent: 'EndConversation', handle: endConversation },
  { intent: '*', handle: unknownIntent },
];
