/**
 * YAML source files with positions: parse once, keep the document so that any model node can be
 * traced back to `file:line:col`.
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, Position } from './diagnostics.js';

/** A path into a YAML document: map keys and sequence indexes. */
export type NodePath = readonly (string | number)[];

/** Where a model value came from: a file and the path of its YAML node. */
export interface SourceRef {
  file: string;
  path: NodePath;
  /** Point at the map key rather than its value (for "this list is too short" findings). */
  key?: boolean;
}

/** A parsed YAML file. Construct with {@link parseYamlSource}. */
export class YamlSource {
  constructor(
    /** Path relative to the project root. */
    readonly file: string,
    readonly text: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The plain JavaScript value of the document (`undefined` for an empty file). */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Position of the node at `path`, or of its nearest existing ancestor.
   * With `key: true` the position of the map key is given (used for unknown-key errors).
   */
  positionOf(path: NodePath, opts: { key?: boolean } = {}): Position {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (opts.key && segment === path[path.length - 1] && keyNode?.range) {
          offset = keyNode.range[0];
          node = undefined;
          break;
        }
        node = pair.value as Node | null;
        offset = node?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        node = item;
        offset = item.range?.[0] ?? offset;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

/**
 * Parses YAML text, returning the source and any syntax errors as diagnostics (`definitions/yaml`).
 * Never throws on bad input.
 */
export function parseYamlSource(file: string, text: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const source = new YamlSource(file, text, doc, lines);
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    return {
      ruleId: 'definitions/yaml',
      severity: doc.errors.includes(e as never) ? 'error' : 'warning',
      message: `YAML ${e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax'}: ${firstLine(e.message)}`,
      hint: yamlHint(e.code),
      file,
      line,
      column: col,
    };
  });
  return { source, diagnostics };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Remove or rename one of the two keys: YAML keys must be unique in a mapping.';
    case 'MISSING_CHAR':
      return 'Add the missing closing quote, bracket or brace.';
    case 'BAD_INDENT':
      return 'Check the indentation: use spaces (never tabs), the same amount for siblings.';
    case 'TAB_AS_INDENT':
      return 'Replace the tab with spaces.';
    default:
      return 'Fix the YAML syntax; quote strings that contain ": " or start with special characters like {, [, *, &, !, % or @.';
  }
}
