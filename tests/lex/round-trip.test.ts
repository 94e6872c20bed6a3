import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { exportBot, readExport } from '../../scripts/lex/export.js';
import { importExport } from '../../scripts/lex/import.js';
import { comparable, FIXTURES, REAL_EXPORTS, writeTemp } from './helpers.js';

/** readExport → importExport → files on disk → loadProject → exportBot. */
async function roundTrip(folder: string, edit?: (files: Map<string, string>) => void) {
  const original = await readExport(join(FIXTURES, folder));
  const imported = importExport(original);
  const definitions = new Map(imported.files);
  edit?.(definitions);
  const { project, diagnostics } = await loadProject(writeTemp(definitions));
  const exported = exportBot(project, imported.report.bot);
  return { original, imported, diagnostics, exported };
}

describe('LexJson round trip of real console exports: export(import(x)) == x', () => {
  for (const folder of REAL_EXPORTS) {
    it(`${folder}: same files, same keys and values (null = absent; identifiers, Bot.json version, slotPriorities order ignored)`, async () => {
      // Prepare / Act
      const { original, imported, diagnostics, exported } = await roundTrip(folder);
      // Assess
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(imported.report.lossy).toEqual([]);
      expect(imported.report.unknownFiles).toEqual([]);
      expect([...exported.keys()].sort()).toEqual([...original.keys()].filter((p) => p.endsWith('.json')).sort());
      expect(comparable(exported)).toEqual(comparable(original));
    });
  }

  it('detects a change: one edited utterance makes the comparison fail at that intent', async () => {
    // Prepare
    const folder = 'aws-lex-helper';
    const file = 'intents/en_US/Greeting.yaml';
    // Act
    const { original, exported } = await roundTrip(folder, (files) => files.set(file, files.get(file)!.replace('- Good morning', '- Good evening')));
    // Assess
    const before = comparable(original);
    const after = comparable(exported);
    expect(after).not.toEqual(before);
    const changed = Object.keys(before).filter((p) => !isDeepStrictEqual(before[p], after[p]));
    expect(changed).toEqual(['LexBot/BotLocales/en_US/Intents/Greeting/Intent.json']);
  });

  it('detects a change in a lex: passthrough value too', async () => {
    // Prepare
    const file = 'intents/en_US/FallbackIntent.yaml';
    // Act
    const { original, exported } = await roundTrip('aws-samples-amazon-lex-v2-lambda-integration-examples', (files) =>
      files.set(file, files.get(file)!.replace('fallback-count: "1"', 'fallback-count: "9"')),
    );
    // Assess
    expect(comparable(exported)).not.toEqual(comparable(original));
  });
});

describe('the import report of the real exports', () => {
  it('aws-lex-helper: BookFlight keeps its non-default initialResponseSetting steps under lex:', async () => {
    // Act
    const { report, files } = importExport(await readExport(join(FIXTURES, 'aws-lex-helper')));
    // Assess
    const bookFlight = report.kept.find((k) => k.resource === 'intent en_US/BookFlight');
    expect(bookFlight?.file).toBe('intents/en_US/BookFlight.yaml');
    expect(bookFlight?.keys).toContain('initialResponseSetting.codeHook.postCodeHookSpecification.successNextStep.sessionAttributes');
    expect(bookFlight?.keys.every((k) => k.startsWith('initialResponseSetting.') || k.startsWith('fulfillmentCodeHook.'))).toBe(true);
    expect(files.get('intents/en_US/BookFlight.yaml')).toMatch(/\nlex:\n {2}initialResponseSetting:\n/);
    // Intents left as the console made them need no lex: at all.
    expect(report.kept.some((k) => k.resource === 'intent en_US/Greeting')).toBe(false);
    expect(files.get('intents/en_US/Greeting.yaml')).not.toContain('lex:');
  });

  it('aws-samples-amazon-connect-gitlab-cicd-terraform: notes that Bot.json is version "2", not DRAFT', async () => {
    // Act
    const { report } = importExport(await readExport(join(FIXTURES, 'aws-samples-amazon-connect-gitlab-cicd-terraform')));
    // Assess
    expect(report.version).toBe('2');
    expect(report.notes.join('\n')).toMatch(/version "2".*DRAFT/);
  });

  it('aws-samples-amazon-lex-v2-lambda-integration-examples: conditional branches and code-hook labels stay verbatim', async () => {
    // Act
    const { report, files } = importExport(await readExport(join(FIXTURES, 'aws-samples-amazon-lex-v2-lambda-integration-examples')));
    // Assess
    const fallback = report.kept.find((k) => k.resource === 'intent en_US/FallbackIntent');
    expect(fallback?.keys).toEqual(expect.arrayContaining(['intentClosingSetting', 'initialResponseSetting.conditional']));
    expect(report.kept.find((k) => k.resource === 'slot en_US/EmailIntent/DaysBefore')?.keys).toContain('valueElicitationSetting.slotCaptureSetting.captureConditional');
    // What the format models is modelled, not kept: the slot's prompt and utterance are plain YAML.
    const call = files.get('intents/en_US/CallIntent.yaml')!;
    expect(call).toContain('- What time would you like the call?');
    expect(call).toContain('"{Time} o\'clock"');
    expect(call).toContain('success: Your call has been scheduled for {Time}.');
  });
});

describe('slot capture settings round-trip (issue 14)', () => {
  it("the shipped VerifyIdentity.Passcode: import reads back the elicitation code hook and failure next step that export writes", async () => {
    // Prepare: the shipped bot as a Lex export.
    const { project } = await loadProject(join(import.meta.dirname, '..', '..'));
    const exported = exportBot(project, 'SelfService');
    // Act
    const imported = importExport(exported);
    // Assess: modelled fields, not a lex: passthrough, and nothing lost.
    const verify = parse(imported.files.get('intents/en_US/VerifyIdentity.yaml')!);
    const passcode = verify.slots.find((s: { name: string }) => s.name === 'Passcode');
    expect(passcode).toMatchObject({ elicitationCodeHook: { label: 'PasscodeNotCaptured' }, failureNextStep: 'InvokeDialogCodeHook' });
    expect(verify.lex).toBeUndefined();
    expect(imported.report.lossy).toEqual([]);
    // A slot left at Lex's defaults gains neither field.
    const balance = parse(imported.files.get('intents/en_US/CheckBalance.yaml')!);
    expect(balance.slots[0].elicitationCodeHook).toBeUndefined();
    expect(balance.slots[0].failureNextStep).toBeUndefined();
    // And back: the same export.
    const again = await loadProject(writeTemp(new Map(imported.files)));
    expect(comparable(exportBot(again.project, 'SelfService'))).toEqual(comparable(exported));
  });

  it.each(['ElicitIntent', 'EndConversation'] as const)('failureNextStep %s round-trips', async (step) => {
    const { project } = await loadProject(join(import.meta.dirname, '..', '..'));
    const exported = exportBot(project, 'SelfService');
    const path = 'SelfService/BotLocales/en_US/Intents/VerifyIdentity/Slots/Passcode/Slot.json';
    const key = [...exported.keys()].find((k) => k.endsWith('Intents/VerifyIdentity/Slots/Passcode/Slot.json'))!;
    expect(key, path).toBeDefined();
    const json = JSON.parse(exported.get(key)!);
    json.valueElicitationSetting.slotCaptureSetting.failureNextStep.dialogAction.type = step;
    exported.set(key, JSON.stringify(json));
    const verify = parse(importExport(exported).files.get('intents/en_US/VerifyIdentity.yaml')!);
    expect(verify.slots[0].failureNextStep).toBe(step);
  });
});
