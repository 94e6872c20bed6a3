import { describe, expect, it } from 'vitest';
import { baseFiles, GOODBYE_UTTERANCES, only, validateFiles } from '../helpers/project.js';

const goodbye = (closing: unknown) => ({ 'intents/en_US/Goodbye.yaml': { name: 'Goodbye', sampleUtterances: GOODBYE_UTTERANCES, closing } });

describe('channels/chat-markup', () => {
  it('accepts SSML prompts: they deploy with their text for chat', async () => {
    expect(only(await validateFiles(baseFiles()), 'channels/chat-markup')).toEqual([]);
  });

  it('warns about SSML tags in a plain-text message, at the message', async () => {
    // Prepare
    const files = baseFiles(goodbye('<speak>Thanks. <break time="1s"/> Goodbye!</speak>'));
    // Act
    const ds = only(await validateFiles(files), 'channels/chat-markup');
    // Assess
    expect(ds).toEqual([expect.objectContaining({ file: 'intents/en_US/Goodbye.yaml', severity: 'warning', line: 18 })]);
    expect(ds[0]!.message).toContain('closing response of Goodbye');
  });

  it('warns about tags in the chat text beside SSML, and about SSML with no words', async () => {
    const withTags = only(await validateFiles(baseFiles(goodbye({ ssml: 'goodbye', text: 'Thanks <break/>' }))), 'channels/chat-markup');
    expect(withTags).toHaveLength(1);
    const silent = only(await validateFiles(baseFiles({ ...goodbye({ ssmlInline: '<speak><break time="1s"/></speak>' }) })), 'channels/chat-markup');
    expect(silent).toHaveLength(1);
    expect(silent[0]!.hint).toContain('text:');
    const fixed = only(await validateFiles(baseFiles({ ...goodbye({ ssmlInline: '<speak><break time="1s"/></speak>', text: 'One moment.' }) })), 'channels/chat-markup');
    expect(fixed).toEqual([]);
  });
});
