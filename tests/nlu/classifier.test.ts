import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSetConfidences, trainClassifier } from '../../scripts/nlu/classifier.js';
import type { IntentClassifier, NluSlotType, NluTrainingData } from '../../scripts/nlu/types.js';

// Hand-made training sets: what a small contact-centre bot has (5-7 intents, about 10 utterances
// each), one per language. The test utterances below are paraphrases that none of them contains.
const THRESHOLD = 0.4; // Lex's default nluIntentConfidenceThreshold

const ACCOUNT_EN: NluSlotType = {
  name: 'AccountType',
  resolution: 'TopResolution',
  values: [
    { value: 'checking', synonyms: ['chequing', 'checking account', 'everyday account'] },
    { value: 'savings', synonyms: ['savings account', 'saving'] },
    { value: 'credit card', synonyms: ['visa', 'mastercard'] },
    { value: 'mortgage', synonyms: ['home loan'] },
    { value: 'retirement', synonyms: ['pension plan', 'ira'] },
  ],
};

const EN: NluTrainingData = {
  localeId: 'en_US',
  slotTypes: [ACCOUNT_EN],
  intents: [
    {
      name: 'CheckBalance',
      slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
      utterances: [
        "What's my balance",
        'What is my account balance',
        'Check my balance',
        'How much money do I have',
        'How much is in my {AccountType} account',
        "What's the balance on my {AccountType}",
        'I want to know my {AccountType} balance',
        'Balance please',
        'Is there any money left in my {AccountType}',
        "I'd like to hear my available balance",
      ],
    },
    {
      name: 'TransferMoney',
      slots: [
        { name: 'Amount', slotTypeName: 'AMAZON.Number' },
        { name: 'FromAccount', slotTypeName: 'AccountType' },
        { name: 'ToAccount', slotTypeName: 'AccountType' },
      ],
      utterances: [
        'Transfer money',
        'I want to move money between my accounts',
        'Transfer {Amount} dollars from {FromAccount} to {ToAccount}',
        'Move {Amount} to my {ToAccount}',
        'Send money to my {ToAccount} account',
        'Can I make a transfer',
        'Put {Amount} dollars into {ToAccount}',
        'I need to transfer funds',
      ],
    },
    {
      name: 'ReportLostCard',
      slots: [],
      utterances: [
        'I lost my card',
        'My card was stolen',
        'Someone stole my wallet with my card',
        'I need to block my card',
        "I can't find my debit card",
        'Report a lost card',
        'Freeze my card please',
        'My credit card is missing',
      ],
    },
    {
      name: 'TalkToAgent',
      slots: [],
      utterances: [
        'Talk to an agent',
        'I want to speak to a representative',
        'Operator',
        'Agent please',
        'Let me speak with someone',
        'Can I talk to a real person',
        'Get me a human please',
        'Connect me to customer support',
      ],
    },
    {
      name: 'BusinessHours',
      slots: [],
      utterances: [
        'What are your hours',
        'When are you open',
        'Are you open on Saturday',
        'What time do you close today',
        'What are your business hours',
        'Are you open on holidays',
        'What time do you open tomorrow',
        'Opening hours please',
      ],
    },
    {
      name: 'EndConversation',
      slots: [],
      utterances: ["That's all thanks", 'Goodbye', "No thanks, I'm all set", "I'm done", 'Thank you, that is it', 'Nothing else', 'Bye', 'I have to go now'],
    },
  ],
};

const ES: NluTrainingData = {
  localeId: 'es_US',
  slotTypes: [
    {
      name: 'AccountType',
      resolution: 'TopResolution',
      values: [
        { value: 'checking', synonyms: ['cheques', 'cuenta de cheques', 'cuenta corriente'] },
        { value: 'savings', synonyms: ['ahorros', 'cuenta de ahorros'] },
        { value: 'credit card', synonyms: ['tarjeta de crédito', 'crédito'] },
      ],
    },
  ],
  intents: [
    {
      name: 'CheckBalance',
      slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
      utterances: [
        '¿Cuánto tengo en mi cuenta?',
        'Quiero saber mi saldo',
        '¿Cuál es mi saldo?',
        'Consultar mi saldo',
        '¿Cuánto dinero tengo en mi {AccountType}?',
        'Dime el saldo de mi {AccountType}',
        '¿Me queda dinero en la cuenta?',
        'Saldo, por favor',
      ],
    },
    {
      name: 'TalkToAgent',
      slots: [],
      utterances: [
        'Quiero hablar con un asesor',
        'Me pasa con un asesor, por favor',
        'Necesito hablar con una persona',
        'Agente, por favor',
        'Comuníqueme con un representante',
        'Quiero hablar con alguien',
        'Operadora',
      ],
    },
    {
      name: 'BusinessHours',
      slots: [],
      utterances: ['¿A qué hora abren?', '¿A qué hora cierran?', '¿Cuál es su horario?', '¿Abren los sábados?', '¿Están abiertos ahorita?', 'Horario de atención', '¿Abren los domingos?'],
    },
    {
      name: 'ReportLostCard',
      slots: [],
      utterances: ['Perdí mi tarjeta', 'Me robaron la tarjeta', 'Quiero bloquear mi tarjeta', 'No encuentro mi tarjeta de débito', 'Reportar una tarjeta perdida', 'Mi tarjeta fue robada'],
    },
    {
      name: 'EndConversation',
      slots: [],
      utterances: ['Eso es todo, gracias', 'Adiós', 'No, gracias, es todo', 'Ya terminé', 'Nada más, gracias', 'Hasta luego'],
    },
  ],
};

const FR: NluTrainingData = {
  localeId: 'fr_CA',
  slotTypes: [
    {
      name: 'AccountType',
      resolution: 'TopResolution',
      values: [
        { value: 'checking', synonyms: ['chèques', 'compte chèques', 'compte courant'] },
        { value: 'savings', synonyms: ['épargne', "compte d'épargne"] },
        { value: 'credit card', synonyms: ['carte de crédit', 'visa'] },
      ],
    },
  ],
  intents: [
    {
      name: 'CheckBalance',
      slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
      utterances: [
        "C'est quoi mon solde?",
        "Mon solde s'il vous plaît",
        "Combien j'ai dans mon {AccountType}?",
        'Je veux savoir mon solde',
        'Je voudrais vérifier le solde de mon compte',
        "Est-ce que j'ai de l'argent dans mon {AccountType}?",
        'Vérifier mon solde',
        'Il me reste combien dans mon compte?',
      ],
    },
    {
      name: 'TalkToAgent',
      slots: [],
      utterances: ['Je veux parler à un agent', "Passez-moi quelqu'un", "Je veux parler à quelqu'un", "Un agent s'il vous plaît", 'Je voudrais parler à un conseiller', 'Transférez-moi à un représentant', 'Une vraie personne svp'],
    },
    {
      name: 'BusinessHours',
      slots: [],
      utterances: ["Vous êtes ouverts jusqu'à quelle heure?", "C'est quoi vos heures d'ouverture?", 'Êtes-vous ouverts samedi?', 'Vous ouvrez à quelle heure?', 'Vous fermez à quelle heure?', 'Êtes-vous ouverts les jours fériés?'],
    },
    {
      name: 'ReportLostCard',
      slots: [],
      utterances: ["J'ai perdu ma carte", 'On a volé ma carte', 'Je veux bloquer ma carte', 'Je ne trouve plus ma carte de débit', 'Signaler une carte perdue', 'Ma carte a été volée'],
    },
    {
      name: 'EndConversation',
      slots: [],
      utterances: ["C'est tout merci", "Non merci, c'est beau", 'Merci, bonne journée', 'Ça va être tout', 'Au revoir', "J'ai fini"],
    },
  ],
};

const SETS = { en_US: EN, es_US: ES, fr_CA: FR };
const classifiers = Object.fromEntries(Object.entries(SETS).map(([locale, data]) => [locale, trainClassifier(data)])) as Record<keyof typeof SETS, IntentClassifier>;

const PARAPHRASES: Record<keyof typeof SETS, [string, string][]> = {
  en_US: [
    ['how much cash do i have left', 'CheckBalance'],
    ['tell me my balance', 'CheckBalance'],
    ['move 200 dollars to savings', 'TransferMoney'],
    ['i would like to transfer some money', 'TransferMoney'],
    ['my card got stolen yesterday', 'ReportLostCard'],
    ['please block my lost card', 'ReportLostCard'],
    ['put me through to a person', 'TalkToAgent'],
    ['i want to talk to a human', 'TalkToAgent'],
    ['are you open on sunday', 'BusinessHours'],
    ['when do you close', 'BusinessHours'],
    ['thanks, goodbye', 'EndConversation'],
    ["that's everything, bye", 'EndConversation'],
  ],
  es_US: [
    ['cuánto dinero me queda', 'CheckBalance'],
    ['quiero consultar el saldo de mi cuenta', 'CheckBalance'],
    ['necesito hablar con un agente', 'TalkToAgent'],
    ['páseme con una persona por favor', 'TalkToAgent'],
    ['a qué hora abren el sábado', 'BusinessHours'],
    ['perdí mi tarjeta de crédito', 'ReportLostCard'],
    ['me robaron mi tarjeta ayer', 'ReportLostCard'],
    ['no gracias, adiós', 'EndConversation'],
  ],
  fr_CA: [
    ['combien il me reste dans mon compte', 'CheckBalance'],
    ['je veux vérifier mon solde', 'CheckBalance'],
    ['je voudrais parler à une personne', 'TalkToAgent'],
    ['vous ouvrez à quelle heure samedi', 'BusinessHours'],
    ["j'ai perdu ma carte de débit", 'ReportLostCard'],
    ['on m’a volé ma carte hier', 'ReportLostCard'],
    ["merci c'est tout, au revoir", 'EndConversation'],
  ],
};

const TYPOS: Record<keyof typeof SETS, [string, string][]> = {
  en_US: [
    ['whats my balanse', 'CheckBalance'],
    ['chekc my acount balance', 'CheckBalance'],
    ['i lsot my crad', 'ReportLostCard'],
    ['talk to an agnet', 'TalkToAgent'],
    ['what are your bussiness hours', 'BusinessHours'],
    ['transfr mony to savings', 'TransferMoney'],
  ],
  es_US: [
    ['kiero saber mi sado', 'CheckBalance'],
    ['quiero ablar con un asesr', 'TalkToAgent'],
    ['perdi mi tarjta', 'ReportLostCard'],
  ],
  fr_CA: [
    ['cest quoi mon sold', 'CheckBalance'],
    ['je veux parler a un agant', 'TalkToAgent'],
    ['jai perdu ma crate', 'ReportLostCard'],
  ],
};

const OUT_OF_SCOPE: Record<keyof typeof SETS, string[]> = {
  en_US: ['what is the weather like in paris', 'play some jazz music', 'book me a flight to denver', 'tell me a joke', 'who won the football game last night', 'set an alarm for seven', 'my dog ate my homework', 'asdf qwer zxcv'],
  es_US: ['qué tiempo hace en madrid', 'pon música de salsa', 'cuéntame un chiste', 'quién ganó el partido de fútbol', 'reserva un vuelo a cancún'],
  fr_CA: ['quelle température fait-il à montréal', 'joue de la musique jazz', 'raconte-moi une blague', 'qui a gagné la partie de hockey', 'réserve un vol pour paris'],
};

const locales = Object.keys(SETS) as (keyof typeof SETS)[];

describe('trainClassifier', () => {
  describe.each(locales)('%s', (locale) => {
    it('ranks the right intent first, with a confidence above the threshold, for unseen paraphrases', () => {
      // Arrange
      const classifier = classifiers[locale];
      // Act
      const tops = PARAPHRASES[locale].map(([text]) => classifier.rank(text, 1)[0]!);
      // Assess
      expect(tops.map((t) => t.intent)).toEqual(PARAPHRASES[locale].map(([, intent]) => intent));
      for (const t of tops) expect(t.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    });

    it('survives typos', () => {
      // Arrange
      const classifier = classifiers[locale];
      // Act
      const tops = TYPOS[locale].map(([text]) => classifier.rank(text, 1)[0]!);
      // Assess
      expect(tops.map((t) => t.intent)).toEqual(TYPOS[locale].map(([, intent]) => intent));
      for (const t of tops) expect(t.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    });

    it('gives out-of-scope input a confidence below the threshold', () => {
      // Arrange
      const classifier = classifiers[locale];
      // Act
      const confidences = OUT_OF_SCOPE[locale].map((text) => classifier.rank(text, 1)[0]!.confidence);
      // Assess
      for (const c of confidences) expect(c).toBeLessThan(THRESHOLD);
    });
  });

  it('folds accents: the same words with and without them rank alike', () => {
    // Arrange
    const classifier = classifiers.fr_CA;
    // Act
    const accented = classifier.rank('Je voudrais vérifier mon solde');
    const plain = classifier.rank('je voudrais verifier mon solde');
    // Assess
    expect(plain).toEqual(accented);
  });

  describe('slot placeholders', () => {
    it('match the values and synonyms of the custom slot type', () => {
      // Arrange
      const classifier = classifiers.en_US;
      // Act
      const tops = ['how much is in my everyday account', "what's the balance on my visa", 'is there any money left in my pension plan', 'how much is in my home loan account'].map(
        (text) => classifier.rank(text, 1)[0]!,
      );
      // Assess
      for (const t of tops) {
        expect(t.intent).toBe('CheckBalance');
        expect(t.confidence).toBeGreaterThanOrEqual(THRESHOLD);
      }
    });

    it('score a slot value above an unrelated word in the same place', () => {
      // Arrange
      const classifier = classifiers.en_US;
      const confidenceOf = (text: string) => classifier.rank(text).find((r) => r.intent === 'CheckBalance')!.confidence;
      // Act
      const withValue = confidenceOf('what is the balance on my ira');
      const withOther = confidenceOf('what is the balance on my fridge');
      // Assess
      expect(withValue).toBeGreaterThan(withOther);
    });

    it('match a misspelt value as they match the value', () => {
      // Arrange
      const classifier = classifiers.en_US;
      // Act
      const misspelt = classifier.rank('what is the balance on my retirment');
      const spelt = classifier.rank('what is the balance on my retirement');
      // Assess
      expect(misspelt).toEqual(spelt);
      expect(misspelt[0]!.intent).toBe('CheckBalance');
    });

    it('match numbers for a built-in number slot', () => {
      // Act
      const top = classifiers.en_US.rank('put 75 dollars into savings', 1)[0]!;
      // Assess
      expect(top.intent).toBe('TransferMoney');
    });
  });

  it('is deterministic: the same data gives the same ranking', () => {
    // Arrange
    const again = trainClassifier(EN);
    const texts = [...PARAPHRASES.en_US.map(([t]) => t), ...OUT_OF_SCOPE.en_US];
    // Act
    const first = texts.map((t) => classifiers.en_US.rank(t));
    const second = texts.map((t) => again.rank(t));
    // Assess
    expect(second).toEqual(first);
  });

  it('returns every intent, or the best `limit`', () => {
    // Arrange
    const classifier = classifiers.en_US;
    // Act
    const all = classifier.rank('check my balance');
    const three = classifier.rank('check my balance', 3);
    const none = classifier.rank('check my balance', 0);
    // Assess
    expect(all.map((r) => r.intent).sort()).toEqual(EN.intents.map((i) => i.name).sort());
    expect(three).toEqual(all.slice(0, 3));
    expect(none).toEqual([]);
  });

  it('handles empty and very long input without throwing', () => {
    // Arrange
    const classifier = classifiers.en_US;
    const long = 'I lost my card and I would like to check my balance and talk to an agent '.repeat(2_000);
    // Act
    const empty = classifier.rank('');
    const blank = classifier.rank('  ?! ');
    const longest = classifier.rank(long, 1);
    const oneWord = classifier.rank('x'.repeat(100_000), 1);
    // Assess
    expect(empty[0]!.confidence).toBeLessThan(THRESHOLD);
    expect(blank[0]!.confidence).toBeLessThan(THRESHOLD);
    expect(longest).toHaveLength(1);
    expect(oneWord[0]!.confidence).toBeLessThan(THRESHOLD);
  });

  it('gives finite confidences in [0, 1], best first, for any string', () => {
    const classifier = classifiers.fr_CA;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), fc.option(fc.integer({ min: -2, max: 9 }), { nil: undefined }), (text, limit) => {
        const ranked = classifier.rank(text, limit);
        expect(ranked.length).toBe(limit === undefined ? FR.intents.length : Math.min(Math.max(limit, 0), FR.intents.length));
        for (const [i, r] of ranked.entries()) {
          expect(Number.isFinite(r.confidence)).toBe(true);
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          if (i > 0) expect(r.confidence).toBeLessThanOrEqual(ranked[i - 1]!.confidence);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks nothing when no intent has utterances', () => {
    // Arrange
    const classifier = trainClassifier({ localeId: 'en_US', slotTypes: [], intents: [{ name: 'FallbackIntent', utterances: [], slots: [] }] });
    // Act, Assess
    expect(classifier.rank('hello')).toEqual([]);
  });

  it('gives a single-intent locale a high confidence for its own phrasing and a low one otherwise', () => {
    // Arrange
    const classifier = trainClassifier({ localeId: 'en_US', slotTypes: [], intents: [EN.intents.find((i) => i.name === 'ReportLostCard')!] });
    // Act
    const own = classifier.rank('I lost my debit card', 1)[0]!;
    const other = classifier.rank('what is the weather like in paris', 1)[0]!;
    // Assess
    expect(own).toEqual({ intent: 'ReportLostCard', confidence: expect.any(Number) });
    expect(own.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(other.confidence).toBeLessThan(THRESHOLD);
  });
});

describe('openSetConfidences', () => {
  it('is low for every intent when no score clears the none class', () => {
    // Act
    const c = openSetConfidences(Float64Array.of(0.2, 0.1, -0.3), 0.5, 2, 5);
    // Assess
    expect(Math.max(...c)).toBeLessThan(0.2);
  });

  it('is high for a clear winner and keeps the order of the scores', () => {
    // Act
    const c = openSetConfidences(Float64Array.of(1, 6, 0, 2), 0.5, 2, 2);
    // Assess
    expect(c[1]).toBeGreaterThan(0.95);
    expect([...c].map((v, i) => [v, i]).sort((a, b) => b[0]! - a[0]!).map(([, i]) => i)).toEqual([1, 3, 0, 2]);
  });

  it('does not depend on how many weak intents follow the k best', () => {
    // Act
    const few = openSetConfidences(Float64Array.of(5, 3, 1), 0.5, 2, 3);
    const many = openSetConfidences(Float64Array.from([5, 3, 1, ...Array<number>(500).fill(0.5)]), 0.5, 2, 3);
    // Assess
    expect(many[0]).toBeCloseTo(few[0]!, 12);
  });
});
