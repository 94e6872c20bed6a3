/**
 * `bots chat` rough edges: the refusal over validation errors names --no-deploy; an interactive
 * chat ends with a summary on its own line, one line per session.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../scripts/conversation/chat.js';
import { openLexTarget, type LexTarget } from '../../scripts/conversation/target.js';
import { BALANCE_UTTERANCES, baseFiles, writeProject } from '../helpers/project.js';
import { runBots } from '../helpers/cli.js';

describe('bots chat refusing to deploy definitions with validation errors', () => {
  it('names the errors and says --no-deploy', () => {
    const dir = writeProject(baseFiles({ 'intents/en_US/Balance.yaml': { name: 'Balance', sampleUtterances: BALANCE_UTTERANCES.slice(0, 3) } }));
    const r = runBots(['chat', '--in-memory'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('validation error(s), so the local bot was not deployed');
    expect(r.stderr).toContain('--no-deploy');
  });
});

describe('an interactive chat ending with Ctrl-D', () => {
  let target: LexTarget;
  beforeAll(async () => {
    target = await openLexTarget({ root: writeProject(baseFiles()), bot: 'Demo', local: { dataDir: null } });
  }, 120_000);
  afterAll(async () => {
    await target?.close();
  });

  it('prints the summary on its own line, one line per session', async () => {
    const input = new PassThrough();
    let text = '';
    const output = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
    const chat = runChat({ target, input, output, interactive: true });
    input.write("what's my balance\n");
    input.write('/new\n');
    input.write('goodbye\n');
    input.write('bye now\n');
    // Ctrl-D: the end of the input, with the cursor still after the prompt.
    setTimeout(() => input.end(), 50);
    const r = await chat;

    expect(r.sessions.map((s) => s.turns)).toEqual([1, 2]);
    expect(r.turns).toBe(3);
    const lines = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').split(/\r?\n/);
    const first = lines.findIndex((l) => l === `session ${r.sessions[0]!.sessionId}: 1 turn`);
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toBe(`session ${r.sessions[1]!.sessionId}: 2 turns`);
  }, 120_000);
});
