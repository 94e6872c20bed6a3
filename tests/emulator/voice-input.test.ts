/**
 * Voice and DTMF input through the emulator and the real SDKs: the definitions' prompt input
 * settings deploy as `promptAttemptsSpecification` (Lex Models V2), and RecognizeUtterance (Lex
 * Runtime V2) takes DTMF tones in PCM audio, cut by the prompt's DTMF settings and by the
 * `x-amz-lex:dtmf:*` / `x-amz-lex:audio:*` session attributes; text/plain input works as text and
 * speech is refused with a ValidationException that says why.
 * https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeUtterance.html
 */
import { DescribeSlotCommand, ListIntentsCommand, ListSlotsCommand } from '@aws-sdk/client-lex-models-v2';
import { RecognizeTextCommand, RecognizeUtteranceCommand, ValidationException } from '@aws-sdk/client-lex-runtime-v2';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTMF_AUDIO_CONTENT_TYPE, gunzipBase64, gzipBase64 } from '../../scripts/conversation/session.js';
import { loadProject } from '../../scripts/definitions/load.js';
import { dtmfPcm } from '../../scripts/emulator/runtime/audio.js';
import { createBotFromDefinitions } from '../helpers/create-bot.js';
import { useEmulator } from '../helpers/emulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const lex = useEmulator();
let botId = '';

beforeAll(async () => {
  const { project } = await loadProject(ROOT);
  ({ botId } = await createBotFromDefinitions(lex.models, project, 'SelfService', { locales: ['en_US'] }));
}, 120_000);

let n = 0;
function call() {
  const sessionId = `voice-${++n}`;
  const ids = { botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId };
  const voice = { 'x-amz-lex:channels:platform': 'Connect' };
  return {
    say: (text: string) => lex.runtime.send(new RecognizeTextCommand({ ...ids, text, requestAttributes: voice })),
    /** RecognizeUtterance with DTMF tones; the response headers decoded. */
    keys: async (keys: string, opts: { sessionAttributes?: Record<string, string>; gapsMs?: number[]; leadMs?: number } = {}) => {
      const r = await lex.runtime.send(
        new RecognizeUtteranceCommand({
          ...ids,
          requestContentType: DTMF_AUDIO_CONTENT_TYPE,
          responseContentType: 'text/plain; charset=utf-8',
          inputStream: dtmfPcm(keys, { gapsMs: opts.gapsMs, leadMs: opts.leadMs }),
          requestAttributes: gzipBase64(voice),
          ...(opts.sessionAttributes ? { sessionState: gzipBase64({ sessionAttributes: opts.sessionAttributes }) } : {}),
        }),
      );
      const state = gunzipBase64(r.sessionState) as { intent?: { slots?: Record<string, { value?: { interpretedValue?: string } } | null> }; dialogAction?: { type: string; slotToElicit?: string } };
      return { r, state, transcript: gunzipBase64(r.inputTranscript) as string, passcode: state.intent?.slots?.['Passcode']?.value?.interpretedValue };
    },
  };
}

/** A caller at the Passcode prompt of VerifyIdentity. */
async function atPasscodePrompt() {
  const c = call();
  const first = await c.say('verify me please');
  expect(first.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
  return c;
}

describe('prompt input settings deploy as promptAttemptsSpecification', () => {
  it('VerifyIdentity.Passcode: every attempt ends DTMF at 6 keys or #, other settings the console defaults', async () => {
    const intents = await lex.models.send(new ListIntentsCommand({ botId, botVersion: 'DRAFT', localeId: 'en_US', maxResults: 100 }));
    const intentId = intents.intentSummaries!.find((i) => i.intentName === 'VerifyIdentity')!.intentId!;
    const slots = await lex.models.send(new ListSlotsCommand({ botId, botVersion: 'DRAFT', localeId: 'en_US', intentId }));
    const slotId = slots.slotSummaries!.find((s) => s.slotName === 'Passcode')!.slotId!;
    const slot = await lex.models.send(new DescribeSlotCommand({ botId, botVersion: 'DRAFT', localeId: 'en_US', intentId, slotId }));
    const attempts = slot.valueElicitationSetting?.promptSpecification?.promptAttemptsSpecification ?? {};
    expect(Object.keys(attempts).sort()).toEqual(['Initial', 'Retry1', 'Retry2']);
    expect(attempts.Initial).toMatchObject({
      allowedInputTypes: { allowAudioInput: true, allowDTMFInput: true },
      audioAndDTMFInputSpecification: { startTimeoutMs: 4000, dtmfSpecification: { maxLength: 6, endCharacter: '#', deletionCharacter: '*', endTimeoutMs: 3000 } },
    });
  });
});

describe('RecognizeUtterance with DTMF tones', () => {
  it('"123456#" enters 123456 in DTMF mode', async () => {
    const c = await atPasscodePrompt();
    const { r, passcode, transcript } = await c.keys('123456#');
    expect(r.inputMode).toBe('DTMF');
    expect(transcript).toBe('123456');
    expect(passcode).toBe('123456');
  });

  it('keys after the end character and beyond the maximum length are not part of the input', async () => {
    const c = await atPasscodePrompt();
    expect((await c.keys('12#34')).transcript).toBe('12');
    const d = await atPasscodePrompt();
    expect((await d.keys('12345678')).transcript).toBe('123456');
  });

  it('the deletion character clears the keys and ends the input, so the slot is re-prompted', async () => {
    const c = await atPasscodePrompt();
    const { transcript, state } = await c.keys('123*456');
    expect(transcript).toBe('');
    expect(state.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
  });

  it('a pause longer than the DTMF end timeout (3000 ms) ends the input', async () => {
    const c = await atPasscodePrompt();
    const { transcript } = await c.keys('1234', { gapsMs: [100, 3500, 100, 100] });
    expect(transcript).toBe('12');
  });

  it('honours x-amz-lex:dtmf:* session attributes, slot-specific over *', async () => {
    const c = await atPasscodePrompt();
    const attrs = { 'x-amz-lex:dtmf:end-character:*:*': '*', 'x-amz-lex:dtmf:deletion-character:*:*': 'D', 'x-amz-lex:dtmf:max-length:VerifyIdentity:Passcode': '4', 'x-amz-lex:dtmf:max-length:*:*': '2' };
    expect((await c.keys('1#23*9', { sessionAttributes: attrs })).transcript).toBe('1#23');
    const d = await atPasscodePrompt();
    expect((await d.keys('987654', { sessionAttributes: attrs })).transcript).toBe('9876');
  });

  it('honours x-amz-lex:audio:start-timeout-ms: keys after it are no input', async () => {
    const c = await atPasscodePrompt();
    const { transcript, state } = await c.keys('123456', { leadMs: 1500, sessionAttributes: { 'x-amz-lex:audio:start-timeout-ms:VerifyIdentity:*': '1000' } });
    expect(transcript).toBe('');
    expect(state.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
  });

  it('x-amz-lex:audio:max-length-ms cuts the audio', async () => {
    const c = await atPasscodePrompt();
    // 100 ms lead, then 200 ms per key: keys starting before 700 ms count.
    const { transcript } = await c.keys('123456', { sessionAttributes: { 'x-amz-lex:audio:max-length-ms:*:*': '700' } });
    expect(transcript).toBe('123');
  });
});

describe('RecognizeUtterance input types', () => {
  it('text/plain input is processed as text; the response headers are gzip+base64 as Lex sends them', async () => {
    const c = call();
    const r = await lex.runtime.send(
      new RecognizeUtteranceCommand({
        botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: `utt-${++n}`,
        requestContentType: 'text/plain; charset=utf-8', responseContentType: 'text/plain; charset=utf-8',
        inputStream: new TextEncoder().encode('verify me please'),
      }),
    );
    void c;
    expect(r.inputMode).toBe('Text');
    expect(gunzipBase64(r.inputTranscript)).toBe('verify me please');
    expect(gunzipBase64(r.sessionState)).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'Passcode' }, intent: { name: 'VerifyIdentity' } });
    expect((gunzipBase64(r.interpretations) as { intent: { name: string } }[])[0]!.intent.name).toBe('VerifyIdentity');
    const messages = gunzipBase64(r.messages) as { content: string; contentType: string }[];
    expect(messages[0]!.contentType).toBe('PlainText');
    expect(Buffer.from(await r.audioStream!.transformToByteArray()).toString('utf8')).toBe(messages[0]!.content);
  });

  it('speech audio is refused with a ValidationException that says the emulator has no speech recogniser', async () => {
    const noise = new Uint8Array(16000);
    for (let i = 0; i < noise.length; i += 2) new DataView(noise.buffer).setInt16(i, Math.round(Math.sin(i * 0.05) * 8000 * Math.sin(i * 0.0013)), true);
    const err = await lex.runtime
      .send(new RecognizeUtteranceCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: `utt-${++n}`, requestContentType: 'audio/l16; rate=16000; channels=1', inputStream: noise }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as Error).message).toMatch(/no speech recognizer/);
  });

  it('an audio format the emulator cannot read is refused with the formats it can', async () => {
    const err = await lex.runtime
      .send(new RecognizeUtteranceCommand({ botId, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: `utt-${++n}`, requestContentType: 'audio/x-cbr-opus-with-preamble; preamble-size=0; bit-rate=256000; frame-size-milliseconds=4', inputStream: new Uint8Array(10) }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as Error).message).toMatch(/text\/plain; charset=utf-8, or 16-bit PCM/);
  });
});
