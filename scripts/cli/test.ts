/**
 * `bots test`: run the conversation tests (YAML) against the local emulator or a deployed alias.
 * Wiring only; the work is in `scripts/conversation/`.
 * @module
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface TestFlags {
  target?: string;
  region?: string;
  alias?: string;
  profile?: string;
  junit?: string;
  json?: boolean;
  exportWorkbench?: string;
  filter?: string;
  inMemory?: boolean;
  dataDir?: string;
  deploy: boolean;
}

/** Registers `test` on the program. */
export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Run conversation tests (tests/conversations/*.yaml) against the local emulator or a deployed alias')
    .argument('[files...]', 'test files or folders (default: tests/conversations)')
    .addOption(new Option('--target <target>', 'where to run').choices(['local']).conflicts(['region']))
    .option('--region <region>', 'run against the deployed alias in this AWS region')
    .option('--alias <name>', "alias name (default: the bot's alias in its definition, e.g. live)")
    .option('--profile <profile>', 'AWS shared config profile')
    .option('--junit <file>', 'also write JUnit XML for CI')
    .option('--json', 'print the results as JSON (progress goes to stderr)')
    .option('--export-workbench <file.csv>', 'also write the tests as an Amazon Lex Test Workbench test set (one CSV per locale)')
    .option('--filter <text>', 'only conversations whose file or name contains this text')
    .addOption(new Option('--in-memory', 'local: a throwaway emulator (nothing written to .bots/local)').conflicts(['dataDir']))
    .option('--data-dir <dir>', 'local: the emulator data folder (default .bots/local)')
    .option('--no-deploy', 'local: do not deploy the definitions first (test what is deployed)')
    .addHelpText(
      'after',
      [
        '',
        'Each conversation runs in its own Lex session, turn by turn; each turn sends the user text (or sets',
        'session attributes) and checks what is expected: intent, slots, dialog action, message text',
        '(contains / regex), session attributes. The first failing turn ends its conversation and is shown',
        'as expected/actual with its file:line:col.',
        '',
        'Local target (default): deploys the definitions into the emulator first, runs the fulfillment',
        'Lambdas in-process, and fills {otp} with the last code the local SMS outbox holds.',
        '',
        'Exit codes: 0 all passed, 1 a test failed or a test file is invalid, 2 usage error.',
        '',
        'Examples:',
        '  bots test',
        '  bots test tests/conversations/en_US-flows.yaml --filter lock',
        '  bots test --junit reports/conversations.xml --in-memory',
        '  bots test --region us-east-1 --alias live',
        '  bots test --export-workbench SelfService-testset.csv',
        '',
        'Docs: docs/conversations.md',
      ].join('\n'),
    )
    .action(async (files: string[], flags: TestFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      if (flags.region && !REGION_PATTERN.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      const { runTests } = await import('../conversation/test-run.js');
      const { formatProgressLine, formatSummary, toJUnitXml, toJsonReport } = await import('../conversation/report.js');
      const { LexTargetError } = await import('../conversation/target.js');
      const { writeFileAtomic } = await import('../conversation/files.js');
      const { formatStylish } = await import('../validate/reporters.js');
      const out = flags.json ? process.stderr : process.stdout;
      const paint = flags.json ? errColors : colors;
      let result;
      try {
        result = await runTests({
          root,
          paths: files,
          ...(flags.filter ? { filter: flags.filter } : {}),
          target: {
            ...(flags.region ? { region: flags.region } : {}),
            ...(flags.alias ? { alias: flags.alias } : {}),
            ...(flags.profile ? { profile: flags.profile } : {}),
            ...(flags.inMemory ? { local: { dataDir: null } } : flags.dataDir ? { local: { dataDir: resolve(flags.dataDir) } } : {}),
            deploy: flags.deploy,
          },
          onResult: (o) => out.write(`${formatProgressLine(o, paint)}\n`),
        });
      } catch (err) {
        if (err instanceof LexTargetError) throw new UserError(err.message);
        if (err instanceof Error && /^No such file or folder/.test(err.message)) throw new UserError(err.message, EXIT.usage);
        throw err;
      }
      if (result.diagnostics.length) {
        process.stderr.write(`${formatStylish(result.diagnostics, errColors)}\n`);
        if (flags.json) process.stdout.write(`${JSON.stringify({ ok: false, diagnostics: result.diagnostics }, null, 2)}\n`);
        process.exitCode = EXIT.failure;
        return;
      }
      if (!result.tests.length) throw new UserError(`No conversations to run${flags.filter ? ` match --filter "${flags.filter}"` : ''} in ${files.length ? files.join(', ') : 'tests/conversations'}.`, EXIT.usage);
      const summary = result.summary!;
      if (flags.junit) await writeFileAtomic(resolve(flags.junit), toJUnitXml(summary));
      let exportFailed = false;
      if (flags.exportWorkbench) {
        const { toWorkbench } = await import('../conversation/workbench.js');
        const exp = toWorkbench(result.tests, summary.conversations);
        const base = resolve(flags.exportWorkbench);
        const many = exp.testSets.length > 1;
        for (const set of exp.testSets) {
          const path = many ? join(dirname(base), `${basename(base, extname(base))}-${set.bot}-${set.locale}${extname(base) || '.csv'}`) : base;
          await writeFileAtomic(path, set.csv);
          out.write(`${paint.green('✔')} Test Workbench test set ${path} (${set.bot} ${set.locale}: ${set.conversations} conversations, ${set.turns} user turns)\n`);
        }
        if (!exp.testSets.length) {
          // Every conversation chosen is local-only: say so rather than write an empty test set.
          const reasons = [...new Set(exp.skipped.map((x) => x.reason))].join('; ');
          process.stderr.write(
            `${errColors.red('error:')} --export-workbench: nothing written to ${flags.exportWorkbench}: ${flags.filter ? `the ${result.tests.length} conversation(s) matching --filter "${flags.filter}"` : `the ${result.tests.length} conversation(s)`} cannot run in Test Workbench (${reasons || 'none exportable'}). ` +
              'Choose conversations that run on an AWS alias too (no {otp}, no contact:, targets including aws).\n',
          );
          exportFailed = true;
        } else if (exp.skipped.length) out.write(`${paint.dim(`  left out ${exp.skipped.length} local-only conversations (passcodes from the local outbox, simulated Connect lookup)`)}\n`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(toJsonReport(summary), null, 2)}\n`);
      out.write(`${formatSummary(summary, paint)}\n`);
      if (flags.junit) out.write(`JUnit XML: ${resolve(flags.junit)}\n`);
      process.exitCode = summary.failed || exportFailed ? EXIT.failure : EXIT.ok;
    });
}
