/**
 * Matches request paths against route patterns with `{name}` parameters (`/bots/{botId}/botversions`).
 * @module
 */
import type { Route } from './contracts.js';

/** A match: the route and its decoded path parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  /** Literal segment, or `{name}` parameter as `{ param: name }`. */
  segments: (string | { param: string })[];
  literals: number;
}

/**
 * Splits a raw path into decoded segments. Trailing slashes are dropped because the AWS CLI
 * (botocore) sends the model's `/bots/` while the JS SDK sends `/bots`. Splitting happens before
 * decoding so an ARN label (`arn%3Aaws%3Alex...%2FABC`) stays one segment.
 */
export function pathSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined; // malformed percent-encoding
  }
}

/** A router over a fixed list of routes. Paths are case-sensitive, as Lex's are (`botaliases` vs the runtime's `botAliases`). */
export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const segments = route.pattern
        .split('/')
        .filter((s) => s !== '')
        .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : s));
      return { route, segments, literals: segments.filter((s) => typeof s === 'string').length };
    });
  }

  /**
   * The route for `method` and `rawPath`. When several patterns match, the one with the most literal
   * segments wins. `methodNotAllowed` is set when the path matches but not for this method.
   */
  match(method: string, rawPath: string): { match?: RouteMatch; methodNotAllowed?: boolean } {
    const parts = pathSegments(rawPath);
    if (!parts) return {};
    let best: { c: Compiled; params: Record<string, string> } | undefined;
    let pathMatched = false;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i]!;
        if (typeof seg === 'string') ok = seg === parts[i];
        else params[seg.param] = parts[i]!;
      }
      if (!ok) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      if (!best || c.literals > best.c.literals) best = { c, params };
    }
    if (best) return { match: { route: best.c.route, params: best.params } };
    return { methodNotAllowed: pathMatched };
  }
}
