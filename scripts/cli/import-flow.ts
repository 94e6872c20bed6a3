/**
 * `bots import <flow.json>`: a contact flow exported from the Amazon Connect console into
 * `flows/<Name>.json`, with the resources the project names as `{{kind:Name}}` references
 * (`flows/import.ts`). Called by `bots import` when its argument is a Flow language JSON file.
 * @module
 */
import type { Diagnostic } from '../definitions/diagnostics.js';
import { loadProject } from '../definitions/load.js';
import { LOCAL_CONNECT_INSTANCE_ID, LOCAL_CONNECT_LAMBDA_ARN, LOCAL_LAMBDA_ARN, DEFAULT_ALIAS } from '../deploy/targets.js';
import { FlowImportError, importFlow, type FlowImportResult } from '../flows/import.js';
import { writeFilesAtomically } from '../lex/write-files.js';
import { colors, errColors, EXIT, UserError } from './output.js';

/** Options of {@link importFlowFile}. */
export interface ImportFlowOptions {
  force?: boolean;
  json?: boolean;
  /** The flow's name when the export has no `Metadata.name`. */
  name?: string;
}

/**
 * Imports one exported flow into `dir` (the project folder).
 * @throws UserError when the file is not a flow, or `flows/<Name>.json` exists without `--force`.
 */
export async function importFlowFile(source: string, text: string, dir: string, opts: ImportFlowOptions): Promise<void> {
  const { project } = await loadProject(dir).catch(() => ({ project: undefined, diagnostics: [] as Diagnostic[] }));
  const instance = project?.flows?.instance;
  const known = new Map<string, string>();
  // What a local deploy resolved the Lambdas to maps back to their names.
  for (const l of instance?.lambdas ?? []) known.set(l.function === 'connect' ? LOCAL_CONNECT_LAMBDA_ARN : LOCAL_LAMBDA_ARN, `{{lambda:${l.name}}}`);
  let result: FlowImportResult;
  try {
    result = importFlow(
      text,
      {
        ...(instance ? { instance } : {}),
        bots: (project?.bots ?? []).map((b) => ({ name: b.name, alias: b.targets[0]?.alias ?? DEFAULT_ALIAS })),
        flowNames: new Set((project?.flows?.flows ?? []).map((f) => f.name)),
        known,
        localInstanceId: LOCAL_CONNECT_INSTANCE_ID,
      },
      opts.name ? { name: opts.name } : {},
    );
  } catch (err) {
    if (err instanceof FlowImportError) throw new UserError(`Cannot import ${source}: ${err.message}`);
    throw err;
  }
  const { written, conflicts } = await writeFilesAtomically(dir, new Map([[result.file, result.text]]), { force: opts.force });
  const refused = conflicts.length > 0 && !opts.force;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ out: dir, imported: !refused, flow: result.name, file: result.file, written, conflicts, replaced: result.replaced, kept: result.kept }, null, 2)}\n`);
  } else if (!refused) {
    const lines = [`${colors.green('✔')} Imported contact flow ${colors.bold(result.name)} into ${dir}: ${result.file}`];
    if (result.replaced.length) {
      lines.push('', colors.bold('Replaced by references (deploy resolves them per region):'));
      for (const r of result.replaced) lines.push(`  ${r.reference}  ${colors.dim(`${r.value} at ${r.path.join('.')}`)}`);
    }
    if (result.kept.length) {
      lines.push('', colors.yellow(colors.bold('Kept as exported (only valid in the instance it came from):')));
      for (const k of result.kept) lines.push(`  ${k.value}  ${colors.dim(`at ${k.path.join('.')}`)}: ${k.why}`);
    }
    lines.push('', `Next: bots validate, then bots flows graph ${result.name}.`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (refused) {
    if (!opts.json) process.stderr.write(`${errColors.red('This file exists already:')} ${conflicts.join(', ')}\n`);
    throw new UserError(`Nothing written: ${result.file} exists. Pass --force to overwrite it.`);
  }
  process.exitCode = EXIT.ok;
}
