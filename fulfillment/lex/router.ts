/**
 * The intent router: Lex V2 calls one Lambda per alias and locale for every intent, so the handler
 * picks a route by intent name, invocation source and invocation label (most specific match wins).
 * @module
 */
import type { LexResponse } from './response.js';
import type { Turn } from './turn.js';

export interface Route<D> {
  /** Intent name, or `*` for any intent. */
  intent: string;
  /** Only for this invocation source (default: both). */
  source?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  /** Only for this invocation label (set on the code hook in the bot definition). */
  label?: string;
  handle(turn: Turn, deps: D): Promise<LexResponse>;
}

/** Returns the best route for the turn; throws only when no route (not even `*`) matches, which the table below prevents. */
export function createRouter<D>(routes: Route<D>[]): (turn: Turn) => Route<D> {
  const score = (r: Route<D>, t: Turn): number => {
    if (r.intent !== '*' && r.intent !== t.intent.name) return -1;
    if (r.source && r.source !== t.source) return -1;
    if (r.label && r.label !== t.label) return -1;
    return (r.intent !== '*' ? 4 : 0) + (r.label ? 2 : 0) + (r.source ? 1 : 0);
  };
  return (turn) => {
    let best: Route<D> | undefined;
    let bestScore = -1;
    for (const r of routes) {
      const s = score(r, turn);
      if (s > bestScore) {
        best = r;
        bestScore = s;
      }
    }
    if (!best) throw new Error('no route');
    return best;
  };
}
