/**
 * The shipped FAQ set and the local knowledge base: the same documents in every locale, each
 * question of the bot's AskQuestion utterances answered from the right document, off-topic
 * questions not answered, and the answer shaping used on voice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalKnowledgeBase, loadFaq, parseFaq } from '../../fulfillment/clients/kb-local.js';
import { plainAnswer, sentences, shorten, titleFromUri } from '../../fulfillment/clients/knowledge-base.js';
import { KNOWLEDGE_BASE_DIR } from '../../fulfillment/local.js';
import { knowledgeBaseAnalyzer } from '../../scripts/emulator/local-fulfillment.js';
import { LOCALES } from './helpers.js';

const kb = await LocalKnowledgeBase.fromDirectory(KNOWLEDGE_BASE_DIR);

describe('the FAQ documents', () => {
  it('every locale has the same documents, each with a title and at least 4 question sections', async () => {
    const files = LOCALES.map((l) => readdirSync(join(KNOWLEDGE_BASE_DIR, l)).sort());
    expect(files[0]).toEqual(expect.arrayContaining(['hours.md', 'fees.md', 'cards.md', 'payments.md', 'callbacks.md', 'online-banking.md']));
    expect(files[1]).toEqual(files[0]);
    expect(files[2]).toEqual(files[0]);
    const sections = await loadFaq(KNOWLEDGE_BASE_DIR);
    for (const l of LOCALES)
      for (const f of files[0]!) {
        const s = sections.filter((x) => x.locale === l && `${x.doc}.md` === f);
        expect(s.length, `${l}/${f}`).toBeGreaterThanOrEqual(4);
        expect(s[0]!.title, `${l}/${f}`).toMatch(/^\p{Lu}/u);
        for (const x of s) expect(sentences(x.body).length, `${l}/${f}: ${x.heading}`).toBeLessThanOrEqual(3);
      }
  });

  it('the hours in the FAQ match the bot\'s BusinessHours prompt', () => {
    const ssml = readFileSync(join(import.meta.dirname, '..', '..', 'ssml', 'en_US', 'business-hours-closing.ssml'), 'utf8');
    expect(ssml).toContain('8 AM to 8 PM Eastern');
    expect(readFileSync(join(KNOWLEDGE_BASE_DIR, 'en_US', 'hours.md'), 'utf8')).toContain('8 AM to 8 PM Eastern');
  });

  it('parses "# Title" and "## Question" sections', () => {
    const s = parseFaq('# Fees\n\n## Is it free?\nYes.\nReally.\n\n## Empty\n\n## Other?\nNo.\n', 'en_US', 'fees');
    expect(s).toEqual([
      { id: 'en_US/fees#0', locale: 'en_US', doc: 'fees', title: 'Fees', heading: 'Is it free?', body: 'Yes. Really.' },
      { id: 'en_US/fees#2', locale: 'en_US', doc: 'fees', title: 'Fees', heading: 'Other?', body: 'No.' },
    ]);
  });
});

describe('"Also asked as" phrasings', () => {
  it('are read in each locale\'s words, indexed as questions and kept out of the answer', () => {
    const [en] = parseFaq('# Cards\n\n## How do I report a lost card?\nAlso asked as: My card is missing; I cannot find my card\nLock it in the app.\n', 'en_US', 'cards');
    expect(en).toMatchObject({ heading: 'How do I report a lost card?', questions: 'My card is missing; I cannot find my card', body: 'Lock it in the app.' });
    expect(parseFaq('# T\n## P?\nTambién se pregunta: ¿Uno?; Dos\nTexto.\n', 'es_US', 'x')[0]).toMatchObject({ questions: '¿Uno?; Dos', body: 'Texto.' });
    expect(parseFaq('# T\n## P?\nAussi demandé : Un?; Deux\nTexte.\n', 'fr_CA', 'x')[0]).toMatchObject({ questions: 'Un?; Deux', body: 'Texte.' });
  });

  it('every shipped section has some, and none is spoken as part of an answer', async () => {
    for (const s of await loadFaq(KNOWLEDGE_BASE_DIR)) {
      expect(s.questions?.split(';').length ?? 0, s.id).toBeGreaterThanOrEqual(2);
      expect(s.body).not.toMatch(/also asked as|también se pregunta|aussi demandé/i);
    }
  });
});

describe('local knowledge base with the NLU analyzer (stems, synonyms, speech errors)', () => {
  const sections = parseFaq(
    '# Fees\n\n## Do you charge for overdrafts?\nAn overdraft costs $25.\n\n## What is your routing number?\nIt is on your checks.\n\n## Is there a monthly fee?\nChecking costs $5 a month.\n',
    'en_US',
    'fees',
  );
  const withNlu = new LocalKnowledgeBase(sections, { analyzer: knowledgeBaseAnalyzer });
  const plain = new LocalKnowledgeBase(sections);
  const heading = async (kb: LocalKnowledgeBase, question: string) => (await kb.ask({ question, locale: 'en_US' })).citations[0]?.location?.split('#')[1];

  it('joins a compound a transcript split ("over draft")', async () => {
    expect(await heading(withNlu, 'over draft')).toBe('Do you charge for overdrafts?');
    expect(await heading(plain, 'over draft')).toBe('Do you charge for overdrafts?');
  });
  it('matches a word the FAQ never uses one edit away ("routeing"), words it uses only as written', async () => {
    expect(await heading(withNlu, 'routeing number please')).toBe('What is your routing number?');
    // A misheard word matched only by its neighbour still counts as one of the two matching words.
    expect(await heading(withNlu, 'rooting number')).toBe('What is your routing number?');
  });
  it('tells a low-balance alert question and a dispute on a statement from requests for account data', async () => {
    expect((await kb.ask({ question: 'can you text me when my balance gets low', locale: 'en_US' })).guardrail).toBe('NONE');
    expect((await kb.ask({ question: "il y a un achat sur mon relevé que je n'ai pas fait", locale: 'fr_CA' })).guardrail).toBe('NONE');
    expect((await kb.ask({ question: 'what is my balance', locale: 'en_US' })).guardrail).toBe('INTERVENED');
  });
  it('matches synonyms and word forms ("each month" for "monthly", "charges" for "fee")', async () => {
    expect(await heading(withNlu, 'what charges do you take each month')).toBe('Is there a monthly fee?');
  });
  it('needs two matching words unless the question has one', async () => {
    expect((await withNlu.ask({ question: 'routing tomorrow', locale: 'en_US' })).found).toBe(false);
    expect((await withNlu.ask({ question: 'routing', locale: 'en_US' })).found).toBe(true);
  });
  it('answers an on-topic question with one matching banking word when its other words are ones the FAQ knows', async () => {
    // "overdraft" is a banking concept; "costs" and "checking" are FAQ words (another section's): on topic.
    expect(await heading(withNlu, 'how much does it cost when checking goes negative')).toBe('Do you charge for overdrafts?');
    // The same share without a banking word, or with more unknown words than matching ones: no answer.
    expect((await withNlu.ask({ question: 'how much does it cost when the rain goes on', locale: 'en_US' })).found).toBe(false);
    expect((await withNlu.ask({ question: 'overdraft pizza tomorrow', locale: 'en_US' })).found).toBe(false);
  });
  it('does not answer a weather or sports question on the words it shares with the FAQ unless a banking word matches', async () => {
    const s = parseFaq("# V\n\n## Combien de temps prend un virement à Montréal?\nUne minute.\n", 'fr_CA', 'transfers');
    const kb = new LocalKnowledgeBase(s, { analyzer: knowledgeBaseAnalyzer });
    expect((await kb.ask({ question: 'quel temps fait-il à Montréal', locale: 'fr_CA' })).found).toBe(false);
    expect((await kb.ask({ question: 'il pleut, mon virement à Montréal prend combien de temps', locale: 'fr_CA' })).found).toBe(true);
  });
  it('prefers, between sections that match alike, the one whose question is of the caller\'s kind', async () => {
    const s = parseFaq('# P\n\n## When is my card payment due?\nOn the 25th.\n\n## How do I make a card payment?\nIn the app.\n', 'en_US', 'payments');
    const kb = new LocalKnowledgeBase(s, { analyzer: knowledgeBaseAnalyzer });
    const at = async (question: string) => (await kb.ask({ question, locale: 'en_US' })).citations[0]?.location;
    expect(await at('when is the card payment')).toBe('en_US/payments.md#When is my card payment due?');
    expect(await at('how do I do the card payment')).toBe('en_US/payments.md#How do I make a card payment?');
  });
  it('scores a unit by its best term, so a phrase\'s own words weigh less than its concept ("last day" is a due date)', async () => {
    const s = parseFaq('# P\n\n## When is my payment due?\nOn the 25th.\n\n## How much can I pay in a day?\nUp to $500 a day, each day.\n', 'en_US', 'payments');
    const kb = new LocalKnowledgeBase(s, { analyzer: knowledgeBaseAnalyzer });
    expect((await kb.ask({ question: 'when is the last day', locale: 'en_US' })).citations[0]?.location).toBe('en_US/payments.md#When is my payment due?');
  });
});

describe('local knowledge base', () => {
  const answered: [string, string, string][] = [
    ['en_US', 'What are your fees for wire transfers', 'Fees'],
    ['en_US', 'How do I reset my online banking password', 'Online banking'],
    ['en_US', 'How do I order new checks', 'Accounts and deposits'],
    ["en_US", "What's your routing number", 'Accounts and deposits'],
    ['en_US', 'How do I set up direct deposit', 'Accounts and deposits'],
    ['en_US', 'How do I report a lost or stolen card', 'Cards'],
    ['en_US', 'How long does a deposit take to clear', 'Accounts and deposits'],
    ['en_US', 'Do you charge a fee for overdrafts', 'Fees'],
    ['en_US', 'How do I dispute a charge on my statement', 'Payments and bills'],
    ["en_US", "What's the interest rate on your savings accounts", 'Accounts and deposits'],
    ['en_US', 'I need some information about sending money to Mexico', 'Transfers and sending money'],
    ['en_US', 'can you call me back instead of holding', 'Callbacks'],
    ['es_US', '¿Cuánto cobran por enviar dinero a México?', 'Transferencias y envíos de dinero'],
    ['es_US', '¿Cómo restablezco mi contraseña?', 'Banca en línea'],
    ['es_US', '¿Cobran por sobregiros?', 'Cargos y comisiones'],
    ['es_US', 'perdí mi tarjeta', 'Tarjetas'],
    ['es_US', '¿Cuál es el número de ruta?', 'Cuentas y depósitos'],
    ['fr_CA', 'Comment réinitialiser mon mot de passe?', 'Services bancaires en ligne'],
    ['fr_CA', 'Quels sont les frais pour un virement?', 'Frais'],
    ["fr_CA", "J'ai perdu ma carte", 'Cartes'],
    ['fr_CA', 'Comment commander des chèques?', 'Comptes et dépôts'],
    ['fr_CA', 'Êtes-vous ouverts les jours fériés?', "Heures d'ouverture et jours fériés"],
  ];
  it.each(answered)('%s: "%s" → %s', async (locale, question, title) => {
    const a = await kb.ask({ question, locale: locale as never });
    expect(a.found).toBe(true);
    expect(a.sources).toEqual([title]);
    expect(a.text.length).toBeGreaterThan(20);
  });

  it.each([
    ['en_US', 'what is the weather in paris'],
    ['en_US', 'can you book me a flight to london'],
    ['en_US', 'who won the game last night'],
    ['es_US', '¿Qué tiempo hace en Madrid?'],
    ['fr_CA', 'Quel temps fait-il à Montréal?'],
    ['en_US', ''],
    ['en_US', '???'],
  ])('%s: "%s" has no good answer', async (locale, question) => {
    expect((await kb.ask({ question, locale: locale as never })).found).toBe(false);
  });

  it('answers only from the caller\'s locale', async () => {
    const a = await kb.ask({ question: 'mot de passe oublié', locale: 'fr_CA' });
    expect(a.text).toMatch(/Mot de passe oublié/);
    expect((await kb.ask({ question: 'mot de passe oublié', locale: 'en_US' })).found).toBe(false);
  });
});

describe('answer shaping', () => {
  it('sentences, plain text, shortening, titles', () => {
    expect(sentences('It costs $2.50. Really? Yes!')).toEqual(['It costs $2.50.', 'Really?', 'Yes!']);
    expect(plainAnswer('**Bold** answer [1]. See https://x.y/z. # Heading')).toBe('Bold answer. See. # Heading');
    expect(shorten('One. Two. Three.', 2, 300)).toBe('One. Two.');
    expect(shorten('One sentence that is far too long for the limit', 1, 20)).toBe('One sentence that…');
    expect(titleFromUri('s3://b/en_US/online-banking.md')).toBe('Online banking');
  });
});
