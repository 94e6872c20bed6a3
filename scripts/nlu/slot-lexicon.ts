/**
 * Per-language word tables of slot resolution (en, es, fr): what recognizers-text does not cover
 * or covers differently from Lex — spoken digits and letters, "maybe" / "don't know" answers, the
 * spoken form of e-mail addresses, lead-ins before names and places, parts of the day, relative
 * weeks / months / years, duration units. Phrases are written naturally and folded on use.
 * @module
 */
import { fold, type SlotLanguage } from './slot-text.js';

/** Single-digit words (folded) → digit; `oh` / `o` count as zero in English digit strings. */
export const DIGIT_WORDS: Record<SlotLanguage, Readonly<Record<string, string>>> = {
  en: { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' },
  es: { cero: '0', uno: '1', una: '1', un: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9' },
  fr: { zero: '0', un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8', neuf: '9' },
};

/** Words that repeat the next digit ("double five" → 55). */
export const REPEAT_WORDS: Record<SlotLanguage, Readonly<Record<string, number>>> = {
  en: { double: 2, triple: 3 },
  es: { doble: 2, triple: 3 },
  fr: { double: 2, triple: 3 },
};

/** The four AMAZON.Confirmation values. */
export type ConfirmationValue = 'Yes' | 'No' | 'Maybe' | "Don't know";

/** Confirmation phrases beyond what recognizers-text's boolean model knows, per value. */
export const CONFIRMATION_PHRASES: Record<SlotLanguage, Readonly<Record<ConfirmationValue, readonly string[]>>> = {
  en: {
    "Don't know": [
      "don't know", 'dont know', 'do not know', 'dunno', 'no idea', 'not sure', 'unsure', 'who knows', 'unknown', 'no clue',
      'not certain', 'beats me', "can't remember", 'cannot remember', "can't say", 'hard to say', 'i forget', 'i forgot',
    ],
    Maybe: ['maybe', 'perhaps', 'possibly', "it's possible", 'it is possible', 'i might', 'might be', 'could be', 'sometimes', 'probably', 'kind of', 'sort of', 'that could be right'],
    Yes: [
      'yes', 'yeah', 'yep', 'yup', 'ya', 'sure', 'ok', 'okay', 'correct', 'right', "that's right", 'that is right', 'affirmative', 'absolutely',
      'definitely', 'of course', 'i agree', 'i can agree', 'i have it', 'i do', 'please do', 'go ahead', 'sounds good', 'exactly', 'certainly',
      'indeed', 'true', 'alright', 'all right', 'fine', 'yes please',
    ],
    No: [
      'no', 'nope', 'nah', 'naw', 'negative', 'forget it', 'decline', "i'll decline", 'no way', 'not really', 'wrong', 'incorrect', 'never',
      "don't", 'do not', 'not at all', 'no thanks', 'no thank you', 'false', "that's wrong", 'not now', 'not correct', 'not right',
      'not true', "that's not it", 'that is not it', "i don't agree", 'i disagree', "i don't have it", 'i do not have it',
    ],
  },
  es: {
    "Don't know": [
      'no sé', 'no se', 'no lo sé', 'no lo se', 'ni idea', 'no tengo idea', 'no estoy seguro', 'no estoy segura', 'quién sabe', 'quien sabe',
      'desconocido', 'no me acuerdo', 'no recuerdo', 'no sabría decir',
    ],
    Maybe: ['quizás', 'quizá', 'tal vez', 'a lo mejor', 'puede ser', 'podría ser', 'posiblemente', 'a veces', 'probablemente', 'es posible'],
    Yes: [
      'sí', 'si', 'claro', 'vale', 'correcto', 'de acuerdo', 'por supuesto', 'afirmativo', 'exacto', 'ok', 'okay', 'sale', 'órale', 'ándale',
      'eso es', 'así es', 'cierto', 'está bien', 'esta bien', 'perfecto', 'sí por favor', 'lo tengo', 'estoy de acuerdo', 'seguro', 'dale',
    ],
    No: ['no', 'negativo', 'para nada', 'olvídalo', 'olvidalo', 'de ninguna manera', 'me niego', 'incorrecto', 'nel', 'nop', 'nunca', 'jamás', 'no gracias', 'claro que no',
      'no es correcto', 'no está bien', 'no esta bien', 'no es así', 'no es asi', 'no estoy de acuerdo', 'no lo tengo'],
  },
  fr: {
    "Don't know": [
      'je sais pas', 'je ne sais pas', 'sais pas', 'chais pas', 'ché pas', "j'sais pas", 'aucune idée', 'pas sûr', 'pas sure', 'pas certain',
      'pas certaine', 'qui sait', 'inconnu', "j'en sais rien", "je n'en sais rien", "je l'ignore", 'je me souviens pas', 'je ne me souviens pas',
      'aucune espèce d idée',
    ],
    Maybe: ['peut-être', 'peut être', 'possiblement', "c'est possible", 'parfois', 'probablement', 'ça se peut', 'sa se peut', 'éventuellement'],
    Yes: [
      'oui', 'ouais', 'ouin', 'ok', 'okay', 'correct', "c'est correct", 'exact', 'exactement', "c'est ça", 'bien sûr', 'certainement',
      'absolument', 'tout à fait', 'affirmatif', 'volontiers', "d'accord", 'parfait', 'en effet', 'effectivement', 'oui merci', 'je confirme',
    ],
    No: ['non', 'nan', 'négatif', 'pas du tout', 'laisse faire', 'laissez faire', 'oublie ça', 'oubliez ça', 'jamais', 'non merci', 'pantoute', 'nenni', 'pas vraiment', "c'est faux", 'incorrect',
      'pas correct', 'pas ça', "c'est pas ça", 'pas vrai', "pas d'accord", 'pas exact', 'non non'],
  },
};

/** Spoken e-mail symbols (folded phrase → symbol), longest phrases first when applied. */
export const EMAIL_WORDS: Record<SlotLanguage, Readonly<Record<string, string>>> = {
  en: { at: '@', 'at sign': '@', dot: '.', period: '.', point: '.', underscore: '_', 'under score': '_', dash: '-', hyphen: '-', minus: '-', plus: '+' },
  es: { arroba: '@', punto: '.', 'guion bajo': '_', 'guión bajo': '_', 'raya baja': '_', guion: '-', 'guión': '-', 'más': '+', mas: '+' },
  fr: {
    arobase: '@', arrobase: '@', 'a commercial': '@', arobas: '@', point: '.', 'tiret bas': '_', 'tiret du bas': '_', 'trait de soulignement': '_',
    underscore: '_', tiret: '-', 'trait d union': '-', plus: '+',
  },
};

/** Lead-ins people say before a name (stripped from FirstName / LastName answers). */
export const NAME_LEAD_INS: Record<SlotLanguage, readonly string[]> = {
  en: [
    'my first name is', 'my last name is', 'my surname is', 'my family name is', 'my name is', 'the name is', "name's", 'first name', 'last name',
    'it is', "it's", 'this is', "i'm", 'i am', 'call me', 'they call me', 'you can call me', 'sure', 'yes', 'ok', 'okay',
  ],
  es: ['mi primer nombre es', 'mi nombre es', 'mi apellido es', 'me llamo', 'me dicen', 'mi nombre', 'soy', 'es', 'habla', 'claro', 'sí', 'si'],
  fr: [
    'mon prénom est', "mon prénom c'est", 'mon nom de famille est', "mon nom de famille c'est", 'mon nom est', "mon nom c'est", "je m'appelle",
    "moi c'est", "c'est", 'je suis', 'ici', 'oui',
  ],
};

/** Lead-ins people say before a place (stripped from City / Country / State / StreetName answers). */
export const PLACE_LEAD_INS: Record<SlotLanguage, readonly string[]> = {
  en: [
    'i live in', 'i live on', 'i live at', "i'm in", 'i am in', "i'm from", 'i am from', "i'm on", 'i am on', 'my city is', 'my country is',
    'my state is', 'my street is', 'the city is', 'the country is', 'the state is', 'the street is', 'it is', "it's", 'from', 'in', 'on', 'at',
  ],
  es: ['vivo en', 'estoy en', 'soy de', 'mi ciudad es', 'mi país es', 'mi estado es', 'mi calle es', 'la calle es', 'es', 'en', 'de'],
  fr: ["j'habite à", "j'habite au", "j'habite en", "j'habite sur", "j'habite", 'je vis à', 'je vis au', 'je vis en', 'je suis à', 'je suis de', 'je viens de', "c'est", 'à', 'au', 'en', 'de', 'sur'],
};

/** Politeness and fillers at the end of an answer (stripped from names and places). */
export const TRAILERS: Record<SlotLanguage, readonly string[]> = {
  en: ['please', 'thanks', 'thank you', 'thank you very much'],
  es: ['por favor', 'gracias', 'muchas gracias'],
  fr: ["s'il vous plaît", "s'il vous plait", 'svp', 'merci', 'merci beaucoup', 'là'],
};

/** Lex time ranges of AMAZON.Time: morning, afternoon, evening, night. */
export type DayPeriod = 'MO' | 'AF' | 'EV' | 'NI';

/** Parts of the day (folded phrase → Lex range), as whole answers to a Time slot. */
export const DAY_PERIODS: Record<SlotLanguage, Readonly<Record<string, DayPeriod>>> = {
  en: {
    morning: 'MO', 'this morning': 'MO', 'in the morning': 'MO', 'tomorrow morning': 'MO', afternoon: 'AF', 'this afternoon': 'AF', 'in the afternoon': 'AF',
    evening: 'EV', 'this evening': 'EV', 'in the evening': 'EV', night: 'NI', tonight: 'NI', 'at night': 'NI', 'tomorrow night': 'NI',
  },
  es: {
    'por la mañana': 'MO', 'en la mañana': 'MO', 'la mañana': 'MO', 'de mañana': 'MO', 'esta mañana': 'MO', 'por la tarde': 'AF', 'en la tarde': 'AF',
    'la tarde': 'AF', 'esta tarde': 'AF', tarde: 'AF', 'por la noche': 'NI', 'en la noche': 'NI', 'la noche': 'NI', 'esta noche': 'NI', noche: 'NI',
  },
  fr: {
    matin: 'MO', 'le matin': 'MO', 'ce matin': 'MO', 'en matinée': 'MO', 'dans la matinée': 'MO', matinée: 'MO', 'après-midi': 'AF', "l'après-midi": 'AF',
    'cet après-midi': 'AF', "dans l'après-midi": 'AF', "en après-midi": 'AF', soir: 'EV', 'le soir': 'EV', 'ce soir': 'EV', soirée: 'EV', 'en soirée': 'EV',
    'dans la soirée': 'EV', nuit: 'NI', 'la nuit': 'NI', 'cette nuit': 'NI', 'de nuit': 'NI',
  },
};

/** Words that make an ambiguous clock time PM (afternoon, evening, night) or AM (morning). */
export const PM_WORDS: Record<SlotLanguage, readonly string[]> = {
  en: ['pm', 'p m', 'afternoon', 'evening', 'night', 'tonight'],
  es: ['pm', 'p m', 'tarde', 'noche'],
  fr: ['pm', 'apres midi', 'soir', 'soiree', 'nuit'],
};
export const AM_WORDS: Record<SlotLanguage, readonly string[]> = {
  en: ['am', 'a m', 'morning'],
  es: ['am', 'a m', 'de la manana', 'por la manana', 'en la manana', 'madrugada'],
  fr: ['am', 'matin', 'matinee'],
};

/** A relative period: unit and offset from the current one (-1 last, 0 this, +1 next). */
export interface RelativePeriod {
  unit: 'week' | 'month' | 'year';
  offset: -1 | 0 | 1;
}

/**
 * Relative weeks, months and years (folded phrase → period). recognizers-text misses or
 * mis-resolves several Spanish and French forms ("el mes que viene", "le mois prochain").
 */
export const RELATIVE_PERIODS: Record<SlotLanguage, Readonly<Record<string, RelativePeriod>>> = {
  en: {
    'this week': { unit: 'week', offset: 0 }, 'next week': { unit: 'week', offset: 1 }, 'last week': { unit: 'week', offset: -1 }, 'previous week': { unit: 'week', offset: -1 },
    'this month': { unit: 'month', offset: 0 }, 'next month': { unit: 'month', offset: 1 }, 'last month': { unit: 'month', offset: -1 }, 'previous month': { unit: 'month', offset: -1 },
    'this year': { unit: 'year', offset: 0 }, 'next year': { unit: 'year', offset: 1 }, 'last year': { unit: 'year', offset: -1 }, 'previous year': { unit: 'year', offset: -1 },
  },
  es: {
    'esta semana': { unit: 'week', offset: 0 }, 'la semana que viene': { unit: 'week', offset: 1 }, 'semana que viene': { unit: 'week', offset: 1 },
    'la proxima semana': { unit: 'week', offset: 1 }, 'proxima semana': { unit: 'week', offset: 1 }, 'la semana entrante': { unit: 'week', offset: 1 },
    'la semana pasada': { unit: 'week', offset: -1 }, 'semana pasada': { unit: 'week', offset: -1 },
    'este mes': { unit: 'month', offset: 0 }, 'el mes que viene': { unit: 'month', offset: 1 }, 'mes que viene': { unit: 'month', offset: 1 },
    'el proximo mes': { unit: 'month', offset: 1 }, 'proximo mes': { unit: 'month', offset: 1 }, 'el mes entrante': { unit: 'month', offset: 1 },
    'el mes pasado': { unit: 'month', offset: -1 }, 'mes pasado': { unit: 'month', offset: -1 },
    'este ano': { unit: 'year', offset: 0 }, 'el ano que viene': { unit: 'year', offset: 1 }, 'ano que viene': { unit: 'year', offset: 1 },
    'el proximo ano': { unit: 'year', offset: 1 }, 'proximo ano': { unit: 'year', offset: 1 }, 'el ano pasado': { unit: 'year', offset: -1 }, 'ano pasado': { unit: 'year', offset: -1 },
  },
  fr: {
    'cette semaine': { unit: 'week', offset: 0 }, 'la semaine prochaine': { unit: 'week', offset: 1 }, 'semaine prochaine': { unit: 'week', offset: 1 },
    'la semaine derniere': { unit: 'week', offset: -1 }, 'semaine derniere': { unit: 'week', offset: -1 }, 'la semaine passee': { unit: 'week', offset: -1 },
    'ce mois ci': { unit: 'month', offset: 0 }, 'ce mois': { unit: 'month', offset: 0 }, 'le mois prochain': { unit: 'month', offset: 1 }, 'mois prochain': { unit: 'month', offset: 1 },
    'le prochain mois': { unit: 'month', offset: 1 }, 'le mois suivant': { unit: 'month', offset: 1 }, 'le mois dernier': { unit: 'month', offset: -1 },
    'mois dernier': { unit: 'month', offset: -1 }, 'le mois passe': { unit: 'month', offset: -1 },
    'cette annee': { unit: 'year', offset: 0 }, "l annee prochaine": { unit: 'year', offset: 1 }, 'annee prochaine': { unit: 'year', offset: 1 },
    "l an prochain": { unit: 'year', offset: 1 }, "l annee derniere": { unit: 'year', offset: -1 }, 'annee derniere': { unit: 'year', offset: -1 },
    "l an dernier": { unit: 'year', offset: -1 }, "l an passe": { unit: 'year', offset: -1 },
  },
};

/** ISO 8601 duration designators. */
export type DurationUnit = 'Y' | 'MO' | 'W' | 'D' | 'H' | 'MI' | 'S';

/** Duration unit words (folded, singular and plural) → unit. */
export const DURATION_UNITS: Record<SlotLanguage, Readonly<Record<string, DurationUnit>>> = {
  en: {
    year: 'Y', years: 'Y', yr: 'Y', yrs: 'Y', month: 'MO', months: 'MO', week: 'W', weeks: 'W', day: 'D', days: 'D', hour: 'H', hours: 'H', hr: 'H', hrs: 'H',
    minute: 'MI', minutes: 'MI', min: 'MI', mins: 'MI', second: 'S', seconds: 'S', sec: 'S', secs: 'S',
  },
  es: {
    ano: 'Y', anos: 'Y', mes: 'MO', meses: 'MO', semana: 'W', semanas: 'W', dia: 'D', dias: 'D', hora: 'H', horas: 'H', minuto: 'MI', minutos: 'MI',
    min: 'MI', segundo: 'S', segundos: 'S', seg: 'S',
  },
  fr: {
    an: 'Y', ans: 'Y', annee: 'Y', annees: 'Y', mois: 'MO', semaine: 'W', semaines: 'W', jour: 'D', jours: 'D', heure: 'H', heures: 'H', h: 'H',
    minute: 'MI', minutes: 'MI', min: 'MI', seconde: 'S', secondes: 'S', sec: 'S',
  },
};

/** "and a half" after a duration unit ("dos horas y media", "deux heures et demie"). */
export const HALF_AFTER: Record<SlotLanguage, RegExp> = {
  en: /^\s*(?:and\s+a\s+half)\b/i,
  es: /^\s*y\s+media\b/i,
  fr: /^\s*et\s+demie?\b/i,
};

/** "and a half" ending a duration span. */
export const HALF_AT_END: Record<SlotLanguage, RegExp> = {
  en: /\band\s+a\s+half\s*$/i,
  es: /\by\s+media\s*$/i,
  fr: /\bet\s+demie?\s*$/i,
};

/** Word before a number that makes it negative. */
export const MINUS_WORDS: Record<SlotLanguage, RegExp> = {
  en: /(?:^|\s)(?:minus|negative)\s*$/i,
  es: /(?:^|\s)(?:menos|negativo)\s*$/i,
  fr: /(?:^|\s)(?:moins|n[ée]gatif)\s*$/i,
};

/** Percent words after a number ("pour cent", "por ciento", "percent", "%"). */
export const PERCENT_AFTER: Record<SlotLanguage, RegExp> = {
  en: /^\s*(?:%|percent\b|per\s+cent\b|pct\b)/i,
  es: /^\s*(?:%|por\s*ciento\b)/i,
  fr: /^\s*(?:%|pour\s*cent\b|pourcent\b|pourcents\b)/i,
};

/** Folds every phrase of a list, longest first (so that longer lead-ins win). */
export function foldedPhrases(phrases: readonly string[]): string[] {
  return [...new Set(phrases.map(fold).filter(Boolean))].sort((a, b) => b.length - a.length);
}

/** Folds the keys of a phrase table. */
export function foldedTable<V>(table: Readonly<Record<string, V>>): Map<string, V> {
  const out = new Map<string, V>();
  for (const [k, v] of Object.entries(table)) {
    const f = fold(k);
    if (f && !out.has(f)) out.set(f, v);
  }
  return out;
}
