/**
 * `bots flows graph [flow]`: the Mermaid flowchart of the contact flows of `flows/`, to stdout, a
 * file (`--out`) or the pictures section of docs/flows.md (`--docs`).
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ContactFlow } from '../flows/model.js';
import { EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface GraphFlags {
  out?: string;
  docs?: boolean;
  json?: boolean;
}

/** The project's flows, loaded without validating anything else. @throws UserError when there are none or they do not parse. */
async function projectFlows(root: string): Promise<ContactFlow[]> {
  const { loadFlows } = await import('../flows/load.js');
  const diagnostics: import('../definitions/diagnostics.js').Diagnostic[] = [];
  const { flows } = await loadFlows(root, new Map(), diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error' && d.ruleId === 'flows/format');
  if (errors.length) throw new UserError(`The flows do not parse:\n${errors.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.message}`).join('\n')}\nRun bots validate for details.`);
  if (!flows.length) throw new UserError(`No flows in ${join(root, 'flows')}: add flows/<Name>.json (docs/flows.md).`);
  return flows;
}

/** Registers `flows` (with `graph`) on the program. */
export function registerFlows(program: Command): void {
  const flows = program.command('flows').description('Mermaid pictures of the contact flows in flows/');
  flows
    .command('graph')
    .description('Print the Mermaid flowchart of a contact flow (every flow without a name)')
    .argument('[flow]', 'flow name (the file name in flows/ without .json)')
    .option('--out <file>', 'write to this file instead of stdout (.md: Markdown with a mermaid block per flow; else the Mermaid source)')
    .option('--docs', 'regenerate the pictures section of docs/flows.md')
    .option('--json', 'print { "<flow>": "<mermaid source>" } as JSON')
    .addHelpText(
      'after',
      [
        '',
        'One node per action (console block, Identifier, key parameter), one edge per transition: conditions',
        'as labels (= 2, = True), error branches dashed with the error type. Unreachable actions are dashed.',
        '',
        'Exit codes: 0 written, 1 no flows or a flow that does not parse, 2 usage error (unknown flow).',
        '',
        'Examples:',
        '  bots flows graph SelfServiceInbound',
        '  bots flows graph --out flows.md',
        '  bots flows graph --docs',
        '',
        'Docs: docs/flows.md',
      ].join('\n'),
    )
    .action(async (name: string | undefined, flags: GraphFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const { flowPicturesMarkdown, flowToMermaid, replaceFlowPictures } = await import('../flows/graph.js');
      const all = await projectFlows(root);
      const chosen = name ? all.filter((f) => f.name === name) : all;
      if (name && !chosen.length) throw new UserError(`No flow named ${name} in flows/ (flows: ${all.map((f) => f.name).join(', ')}).`, EXIT.usage);
      if (flags.docs) {
        const path = join(root, 'docs', 'flows.md');
        const doc = await readFile(path, 'utf8').catch(() => {
          throw new UserError(`${path} does not exist; --docs updates the pictures section of docs/flows.md.`);
        });
        let next: string;
        try {
          next = replaceFlowPictures(doc, all);
        } catch (err) {
          throw new UserError((err as Error).message);
        }
        if (next !== doc) await writeFile(path, next);
        process.stdout.write(`${next === doc ? 'docs/flows.md is up to date' : 'docs/flows.md updated'} (${all.length} flows)\n`);
        return;
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(Object.fromEntries(chosen.map((f) => [f.name, flowToMermaid(f)])), null, 2)}\n`);
        return;
      }
      const text = flags.out?.endsWith('.md') || (!flags.out && chosen.length > 1) ? `${flowPicturesMarkdown(chosen)}\n` : chosen.map(flowToMermaid).join('\n');
      if (flags.out) {
        await writeFile(resolve(flags.out), text);
        process.stdout.write(`wrote ${flags.out} (${chosen.map((f) => f.name).join(', ')})\n`);
      } else process.stdout.write(text);
    });
}
