/**
 * Meaning without a model: per-language concept lexicons that map the words and short phrases
 * callers use for the same thing ("lost", "stolen", "missing", "can't find"; "perdí", "me robaron",
 * "no encuentro"; "perdu", "volé", "je trouve plus") to one concept token, plus stop words. Used by
 * `bots tune` to cluster missed utterances by meaning and by the intent classifier as an extra
 * feature block, so that a paraphrase with other words still shares features with the samples.
 *
 * Why a lexicon: no sentence-embedding model can be had offline from the npm registry (see
 * docs/tuning.md, "Meaning"), so this is the lexical fallback the issue asks for: synonyms and
 * stemming per language (en, es, fr). Concepts are deliberately few and broad (contact-centre and
 * banking vocabulary plus common request verbs); a word not in the lexicon is its stem.
 *
 * Input words are those of {@link analyzeWords}: lower case, accents folded, elisions split.
 * @module
 */
import { analyzeWords, NUMBER_TOKEN, SLOT_TOKEN, stem } from './text.js';

/** Concept name → the words and phrases (folded, space-separated) that mean it, per language. */
type Lexicon = Record<string, string[]>;

const EN: Lexicon = {
  lose: ['lost', 'lose', 'loses', 'losing', 'stolen', 'steal', 'stole', 'stealing', 'theft', 'thief', 'missing', 'misplaced', 'misplace', 'cannot find', 'can not find', 'could not find', 'not find', 'gone missing', 'went missing', 'robbed', 'pickpocketed', 'disappeared', 'lost track of'],
  card: ['card', 'cards', 'debit card', 'credit card', 'bank card', 'visa', 'mastercard', 'plastic'],
  money: ['money', 'cash', 'dosh', 'funds', 'fund', 'dough', 'bucks', 'dollars', 'dollar', 'quid'],
  balance: ['balance', 'balances', 'how much do i have', 'how much is in', 'how much money', 'left in my account', 'available funds'],
  agent: ['agent', 'agents', 'human', 'person', 'representative', 'rep', 'operator', 'someone', 'somebody', 'real person', 'live person', 'live body', 'customer service', 'staff', 'advisor', 'adviser'],
  callback: ['callback', 'call me', 'call me back', 'phone me', 'ring me', 'buzz me', 'give me a call', 'get back to me', 'return my call', 'contact me'],
  hours: ['hours', 'open', 'opening', 'close', 'closing', 'closed', 'schedule', 'business hours'],
  freeze: ['freeze', 'frozen', 'block', 'blocked', 'lock', 'locked', 'suspend', 'suspended', 'disable', 'disabled', 'deactivate', 'deactivated', 'cancel my card', 'stop my card'],
  cancel: ['cancel', 'cancelled', 'canceled', 'terminate', 'revoke', 'undo', 'reverse'],
  transfer: ['transfer', 'transfers', 'transferred', 'send', 'sent', 'sending', 'wire', 'wired', 'move money'],
  fee: ['fee', 'fees', 'charge', 'charges', 'charged', 'commission', 'surcharge', 'extra cost'],
  refund: ['refund', 'refunds', 'refunded', 'money back', 'reimburse', 'reimbursement', 'chargeback'],
  arrive: ['arrive', 'arrived', 'arriving', 'arrival', 'receive', 'received', 'delivery', 'deliver', 'delivered', 'shipped', 'come in the mail', 'in the mail', 'not come', 'not arrived', 'still waiting'],
  topup: ['top up', 'topup', 'top ups', 'topped up', 'reload', 'load money', 'add money', 'deposit', 'deposited', 'put money'],
  pin: ['pin', 'pincode', 'passcode', 'password', 'code', 'security code'],
  declined: ['declined', 'decline', 'rejected', 'reject', 'refused', 'refuse', 'denied', 'deny', 'failed', 'fail', 'not go through', 'did not go through', 'not working', 'not work', 'does not work', 'stopped working'],
  pending: ['pending', 'processing', 'on hold', 'stuck', 'waiting'],
  wrong: ['wrong', 'incorrect', 'mistake', 'error', 'erroneous', 'not right', 'twice', 'double', 'duplicate', 'unrecognised', 'unrecognized', 'do not recognise', 'do not recognize', 'not mine', 'fraud', 'fraudulent', 'unauthorised', 'unauthorized'],
  insurance: ['insurance', 'insure', 'insured', 'coverage', 'policy'],
  car: ['car', 'cars', 'auto', 'automobile', 'vehicle', 'truck', 'motor'],
  mortgage: ['mortgage', 'mortgages', 'home loan', 'house loan', 'refinance', 'refinancing'],
  loan: ['loan', 'loans', 'borrow', 'credit line', 'line of credit'],
  address: ['address', 'moved', 'move house', 'new home'],
  goodbye: ['goodbye', 'bye', 'that is all', 'nothing else', 'all done', 'thanks', 'thank you'],
  verify: ['verify', 'verification', 'identity', 'identify', 'authenticate', 'confirm who i am', 'prove'],
  weather: ['weather', 'rain', 'sunny', 'forecast'],
  joke: ['joke', 'funny', 'laugh'],
};

const ES: Lexicon = {
  lose: ['perdi', 'perdida', 'perdido', 'perder', 'perdio', 'robaron', 'robada', 'robado', 'robo', 'roba', 'robar', 'extravie', 'extraviada', 'extraviado', 'extraviar', 'no encuentro', 'no la encuentro', 'no lo encuentro', 'no aparece', 'desaparecio', 'se me perdio', 'hurtaron', 'hurto'],
  card: ['tarjeta', 'tarjetas', 'tarjeta de debito', 'tarjeta de credito', 'plastico', 'visa', 'mastercard'],
  money: ['dinero', 'plata', 'lana', 'feria', 'efectivo', 'fondos', 'pesos', 'dolares', 'billete', 'billetes'],
  balance: ['saldo', 'saldos', 'cuanto tengo', 'cuanto hay', 'cuanto me queda', 'balance'],
  agent: ['agente', 'asesor', 'asesora', 'persona', 'humano', 'representante', 'operador', 'operadora', 'alguien', 'servicio al cliente', 'ejecutivo', 'ejecutiva'],
  callback: ['llamame', 'llameme', 'me llamen', 'me llame', 'devolver la llamada', 'devuelvan la llamada', 'regresen la llamada', 'me marquen', 'marcame', 'contactenme'],
  hours: ['horario', 'horarios', 'abren', 'abierto', 'abiertos', 'cierran', 'cerrado', 'hora de apertura', 'a que hora'],
  freeze: ['bloquear', 'bloqueen', 'bloquea', 'bloqueada', 'bloqueo', 'congelar', 'congelen', 'suspender', 'suspendan', 'desactivar', 'cancelar la tarjeta', 'cancelen la tarjeta'],
  cancel: ['cancelar', 'cancelen', 'cancela', 'anular', 'anulen', 'revertir'],
  transfer: ['transferir', 'transferencia', 'transferencias', 'enviar', 'envio', 'mandar', 'giro'],
  fee: ['cargo', 'cargos', 'comision', 'comisiones', 'cobro', 'cobraron', 'cuota', 'tarifa'],
  refund: ['reembolso', 'reembolsar', 'devolucion', 'devuelvan el dinero', 'reintegro'],
  arrive: ['llega', 'llegado', 'llego', 'llegar', 'recibi', 'recibido', 'recibir', 'entrega', 'envio de la tarjeta'],
  pin: ['pin', 'nip', 'contrasena', 'clave', 'codigo'],
  declined: ['rechazada', 'rechazado', 'rechazaron', 'rechazo', 'declinada', 'denegada', 'no funciona', 'no pasa', 'no paso', 'fallo'],
  wrong: ['error', 'equivocado', 'incorrecto', 'no reconozco', 'fraude', 'no autorizado', 'doble', 'dos veces'],
  insurance: ['seguro', 'seguros', 'poliza', 'cobertura', 'asegurar'],
  car: ['carro', 'coche', 'auto', 'automovil', 'vehiculo', 'camioneta'],
  mortgage: ['hipoteca', 'hipotecas', 'hipotecario', 'credito hipotecario', 'refinanciar'],
  loan: ['prestamo', 'prestamos', 'credito', 'pedir prestado'],
  goodbye: ['adios', 'hasta luego', 'eso es todo', 'nada mas', 'gracias', 'chao'],
  verify: ['verificar', 'verificacion', 'identidad', 'identificar', 'confirmar mi identidad'],
};

const FR: Lexicon = {
  lose: ['perdu', 'perdue', 'perdre', 'perte', 'vole', 'volee', 'voler', 'vol', 'egare', 'egaree', 'egarer', 'trouve plus', 'trouve pas', 'retrouve plus', 'retrouve pas', 'disparu', 'disparue', 'derobe', 'derobee'],
  card: ['carte', 'cartes', 'carte de debit', 'carte de credit', 'carte bancaire', 'visa', 'mastercard'],
  money: ['argent', 'fric', 'sous', 'cash', 'fonds', 'piastres', 'dollars', 'dollar', 'pognon', 'bidous'],
  balance: ['solde', 'soldes', 'combien j ai', 'combien il me reste', 'combien reste'],
  agent: ['agent', 'agente', 'conseiller', 'conseillere', 'humain', 'personne', 'representant', 'representante', 'operateur', 'operatrice', 'quelqu un', 'service a la clientele', 'service client'],
  callback: ['rappel', 'rappeler', 'rappelez', 'rappelez moi', 'me rappeler', 'appelez moi', 'me contacter', 'recontacter'],
  hours: ['heures', 'horaire', 'horaires', 'ouvert', 'ouverts', 'ouvre', 'ouvrez', 'ferme', 'fermez', 'fermeture', 'ouverture'],
  freeze: ['bloquer', 'bloquez', 'bloquee', 'bloque', 'blocage', 'geler', 'gelez', 'suspendre', 'suspendez', 'desactiver', 'annuler la carte', 'annulez la carte', 'opposition'],
  cancel: ['annuler', 'annulez', 'annulation', 'resilier', 'revoquer'],
  transfer: ['virement', 'virements', 'transferer', 'transfert', 'envoyer', 'envoi', 'virer'],
  fee: ['frais', 'charge', 'commission', 'commissions', 'facture', 'facturer', 'preleve'],
  refund: ['remboursement', 'rembourser', 'remboursez', 'rembourse'],
  arrive: ['arrive', 'arrivee', 'arriver', 'recu', 'recue', 'recevoir', 'livraison', 'livre', 'livree'],
  pin: ['nip', 'pin', 'mot de passe', 'code'],
  declined: ['refuse', 'refusee', 'refusees', 'rejete', 'rejetee', 'decline', 'declinee', 'marche pas', 'fonctionne pas', 'passe pas'],
  wrong: ['erreur', 'errone', 'incorrect', 'reconnais pas', 'fraude', 'frauduleux', 'non autorise', 'deux fois', 'double'],
  insurance: ['assurance', 'assurances', 'assurer', 'couverture', 'police d assurance'],
  car: ['auto', 'automobile', 'voiture', 'char', 'vehicule', 'camion'],
  mortgage: ['hypotheque', 'hypotheques', 'hypothecaire', 'pret hypothecaire', 'refinancer'],
  loan: ['pret', 'prets', 'emprunt', 'emprunter', 'credit'],
  goodbye: ['au revoir', 'bye', 'c est tout', 'rien d autre', 'merci', 'bonne journee'],
  verify: ['verifier mon identite', 'identite', 'identifier', 'authentifier', 'verification d identite'],
};

/** Words that carry no meaning for clustering (after folding), per language. */
const STOP: Record<string, string[]> = {
  en: 'a an the i me my mine myself we us our you your yours it its is are was were be been being am do does did doing have has had having to of for on in at by with from into about as and or but if so that this these those there here what which who whom how can could would should will shall may might must just please hi hello hey um uh also still yet any some get got need want like would know tell help am not no yes ok okay thanks'.split(' '),
  es: 'el la los las un una unos unas y o de del al a en con por para que es son fue ser estar esta estoy este esto eso mi mis me te tu tus su sus se lo le les yo usted ustedes nos como cual quiero necesito puedo puede podria quisiera favor hola por favor gracias si no ya muy'.split(' '),
  fr: 'le la les l un une des du de d et ou a au aux en dans sur pour par avec que qui quoi est sont etre suis ai as avez ont mon ma mes ton ta tes son sa ses votre vos notre nos je j me m moi tu te vous il elle on nous ce c cet cette ces y ne n pas plus svp s il vous plait plait veux voudrais peux pouvez bonjour merci oui non'.split(' '),
};

interface Compiled {
  /** First word → [phrase words, concept], longest first. */
  phrases: Map<string, [string[], string][]>;
  stop: Set<string>;
  /** Search lexicon only: the stem of a phrase's first word → its entries, longest first. */
  byStem?: Map<string, [string[], string][]>;
  /** Search lexicon only: the one-word forms. */
  forms?: Set<string>;
}

const compiled = new Map<string, Compiled>();

function lexiconOf(language: string): Compiled {
  let c = compiled.get(language);
  if (c) return c;
  const source = language === 'es' ? ES : language === 'fr' ? FR : language === 'en' ? EN : {};
  const phrases = new Map<string, [string[], string][]>();
  for (const [concept, forms] of Object.entries(source)) {
    for (const form of forms) {
      const words = form.split(' ');
      let list = phrases.get(words[0]!);
      if (!list) phrases.set(words[0]!, (list = []));
      list.push([words, `~${concept}`]);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b[0].length - a[0].length);
  c = { phrases, stop: new Set(STOP[language] ?? []) };
  compiled.set(language, c);
  return c;
}

/** Whether `language` (ISO 639-1) has a concept lexicon. */
export function hasConceptLexicon(language: string): boolean {
  return language === 'en' || language === 'es' || language === 'fr';
}

/**
 * The meaning-bearing terms of an utterance: lexicon phrases and words become their concept
 * (`~lose`, `~card`), other words their stem, stop words and fillers are dropped; slot references
 * and numbers are kept as their tokens. Deterministic and pure.
 * @param text an utterance as typed or transcribed.
 * @param language ISO 639-1 (`en`, `es`, `fr`; other languages: stems only).
 * @example conceptTerms('I lost my debit card', 'en') // ['~lose', '~card']
 * @example conceptTerms('me robaron la tarjeta', 'es') // ['~lose', '~card']
 */
export function conceptTerms(text: string, language: string): string[] {
  return conceptsOfWords(analyzeWords(text, language), language);
}

/**
 * Extra concepts for full-text search over FAQ-style documents (banking product words and the
 * ways callers say them), merged with the lexicon above by {@link searchTerms} only, so that the
 * intent classifier and tuning keep their features.
 */
const SEARCH_EXTRA: Record<string, Lexicon> = {
  en: {
    atm: ['atm', 'atms', 'cash machine', 'cash machines', 'cashpoint', 'cash point', 'teller machine'],
    abroad: ['abroad', 'overseas', 'foreign', 'international', 'other countries', 'another country', 'outside the us', 'outside the country', 'travel', 'traveling', 'travelling', 'trip'],
    month: ['month', 'months', 'monthly', 'each month', 'every month', 'per month', 'a month'],
    day: ['day', 'days', 'daily', 'per day', 'a day', 'each day', 'every day'],
    fee: ['cost', 'costs', 'price', 'free', 'no charge', 'how much does it cost'],
    limit: ['limit', 'limits', 'maximum', 'max', 'cap', 'ceiling'],
    enroll: ['enroll', 'enrol', 'enrollment', 'register', 'registration', 'sign up', 'signup'],
    photo: ['photo', 'photograph', 'picture', 'camera', 'scan', 'snap'],
    salary: ['salary', 'paycheck', 'pay check', 'paychecks', 'wages', 'wage', 'payroll'],
    close: ['close', 'closing', 'shut', 'shut down', 'terminate', 'cancel', 'cancelled', 'canceled'],
    agent: ['support', 'customer support', 'phone support', 'call centre', 'call center', 'contact centre', 'contact center'],
    overdraft: ['overdraft', 'overdrafts', 'overdraw', 'overdrawn'],
    website: ['website', 'web site', 'online', 'internet', 'app', 'mobile app'],
  },
  es: {
    atm: ['cajero', 'cajeros', 'cajero automatico', 'cajeros automaticos', 'atm'],
    abroad: ['extranjero', 'fuera del pais', 'otro pais', 'otros paises', 'internacional', 'internacionales', 'exterior', 'viaje', 'viajar', 'viajo'],
    month: ['mes', 'meses', 'mensual', 'mensuales', 'al mes', 'cada mes', 'por mes'],
    day: ['dia', 'dias', 'diario', 'diaria', 'al dia', 'por dia', 'cada dia'],
    fee: ['cuesta', 'cuestan', 'costo', 'precio', 'gratis', 'cobran', 'cobra', 'cobrar'],
    limit: ['limite', 'limites', 'maximo', 'tope'],
    enroll: ['inscribo', 'inscribirme', 'inscribir', 'inscripcion', 'registro', 'registrarme', 'registrar', 'darme de alta', 'dar de alta'],
    photo: ['foto', 'fotos', 'fotografia', 'camara', 'escanear', 'imagen'],
    salary: ['sueldo', 'salario', 'nomina', 'cheque de pago', 'quincena'],
    close: ['cerrar', 'cierro', 'cierre', 'dar de baja', 'doy de baja', 'cancelar', 'cancelo'],
    agent: ['soporte', 'atencion al cliente', 'centro de llamadas'],
    overdraft: ['sobregiro', 'sobregiros', 'sobregirar', 'sobregiro mi cuenta'],
    website: ['sitio web', 'pagina', 'pagina web', 'internet', 'en linea', 'aplicacion', 'app'],
  },
  fr: {
    atm: ['guichet', 'guichets', 'guichet automatique', 'guichets automatiques', 'gab'],
    abroad: ['etranger', 'autres pays', 'autre pays', 'hors du canada', 'international', 'internationale', 'internationaux', 'voyage', 'voyager'],
    month: ['mois', 'mensuel', 'mensuels', 'mensuelle', 'par mois', 'chaque mois'],
    day: ['jour', 'jours', 'quotidien', 'quotidienne', 'par jour', 'chaque jour'],
    fee: ['coute', 'coutent', 'cout', 'prix', 'gratuit', 'gratuite', 'gratuits'],
    limit: ['limite', 'limites', 'maximum', 'plafond'],
    enroll: ['inscrire', 'inscription', 'enregistrer', 'adherer', 'adhesion'],
    photo: ['photo', 'photos', 'photographie', 'camera', 'numeriser', 'image'],
    salary: ['paie', 'paye', 'salaire', 'remuneration'],
    close: ['fermer', 'fermeture', 'clore', 'resilier', 'annuler'],
    agent: ['soutien', 'support', 'centre d appels', 'service client'],
    overdraft: ['decouvert', 'decouverts', 'solde negatif'],
    website: ['site web', 'site', 'internet', 'en ligne', 'application', 'appli'],
  },
};

/**
 * General banking and contact-centre vocabulary of callers for FAQ search, per language: the
 * everyday words for what an FAQ section is about (a due date, an overdraft, a holiday, an alert,
 * signing in, a scam call, a utility bill, a recipient), written from banking knowledge rather
 * than from any test or benchmark question, so that a caller's own words reach the section that
 * uses the bank's. A form may belong to several concepts (each is emitted). Merged by
 * {@link searchTerms} only.
 */
const SEARCH_BANKING: Record<string, Lexicon> = {
  en: {
    due: ['due', 'due date', 'deadline', 'last day', 'late', 'late fee', 'late payment', 'overdue', 'past due', 'grace period', 'payment date'],
    raise: ['raise', 'increase', 'higher', 'bigger', 'larger', 'more credit', 'extend', 'boost', 'buying power'],
    limit: ['credit line', 'the most i can', 'most i can', 'up to how much'],
    overdraft: ['no money', 'not enough money', 'without money', 'no funds', 'not enough funds', 'empty account', 'negative', 'below zero', 'in the red', 'overdrawn', 'insufficient funds', 'nsf', 'bounced', 'bounce'],
    fee: ['penalty', 'penalties', 'fine', 'service charge', 'pay for', 'rate'],
    holiday: ['holiday', 'holidays', 'thanksgiving', 'christmas', 'xmas', 'christmas eve', 'new year', 'new years', 'new year s day', 'easter', 'good friday', 'memorial day', 'labor day', 'labour day', 'independence day', 'fourth of july', 'july fourth', 'veterans day', 'columbus day', 'presidents day', 'martin luther king day', 'juneteenth', 'long weekend', 'bank holiday', 'federal holiday', 'public holiday', 'stat holiday'],
    hours: ['working hours', 'what time', 'until what time', 'how late', 'how early'],
    afterhours: ['midnight', 'middle of the night', 'early morning', 'late night', 'after hours', 'night', 'at night', 'overnight', 'evening', 'late at night', 'weekend', 'weekends', 'around the clock', 'any time', 'anytime', 'all day', 'myself', 'on my own', 'by myself', 'self service', 'do it myself', 'closed'],
    alert: ['alert', 'alerts', 'notify', 'notified', 'notification', 'notifications', 'text me', 'send me a text', 'text message', 'texts', 'sms', 'email me', 'warn', 'warning', 'heads up', 'let me know', 'tell me when', 'low balance'],
    signin: ['log in', 'login', 'log on', 'logon', 'logging in', 'sign in', 'signin', 'sign on', 'signing in', 'get in', 'get into', 'access', 'locked out', 'lockout', 'username', 'user name'],
    attempts: ['too many', 'several times', 'multiple times', 'attempts', 'tries', 'tried', 'wrong password', 'wrong passwords'],
    forget: ['forgot', 'forget', 'forgotten', 'cannot remember', 'do not remember', 'not remember', 'lost my password'],
    automatic: ['automatic', 'automatically', 'autopay', 'auto pay', 'recurring', 'by itself', 'on its own', 'every month', 'each month', 'standing order'],
    wrong: ['did not make', 'did not buy', 'never made', 'never authorized', 'did not authorize', 'not authorized', 'unknown charge', 'strange charge', 'suspicious'],
    lose: ['taken', 'took my', 'mugged', 'wallet', 'purse', 'handbag', 'snatched', 'broke into', 'break in'],
    genuine: ['safe', 'safely', 'secure', 'is it you', 'scam', 'scammer', 'fraud', 'fraudster', 'fake', 'real', 'really', 'legit', 'legitimate', 'genuine', 'caller id', 'spoof', 'spoofed', 'phishing', 'trust', 'impersonate'],
    bill: ['bill', 'bills', 'utility', 'utilities', 'electric', 'electricity', 'power bill', 'water bill', 'gas bill', 'phone bill', 'cable', 'internet bill', 'rent', 'payee', 'biller', 'invoice'],
    abroad: ['mexico', 'another country', 'europe', 'asia', 'africa', 'canada', 'uk', 'england', 'france', 'italy', 'spain', 'germany', 'japan', 'china', 'india', 'caribbean', 'latin america', 'south america', 'vacation', 'holiday abroad'],
    domestic: ['the states', 'in the us', 'here', 'domestic', 'same country', 'in the country', 'usa', 'united states', 'locally', 'local'],
    recipient: ['friend', 'friends', 'family', 'sister', 'brother', 'mom', 'mother', 'dad', 'father', 'son', 'daughter', 'someone', 'somebody', 'another person', 'person', 'relative', 'roommate', 'landlord', 'pay back', 'split'],
    hold: ['hold', 'on hold', 'wait', 'waiting', 'queue', 'in line', 'stay on the line'],
    miss: ['miss', 'missed', 'did not answer', 'could not answer', 'cannot answer', 'did not pick up', 'not there', 'unavailable', 'busy', 'no answer'],
    available: ['clear', 'cleared', 'clears', 'available', 'hold', 'use the money', 'access the money', 'funds available', 'post', 'posted', 'show up', 'yet'],
    interest: ['interest', 'rate', 'rates', 'apy', 'apr', 'yield', 'earn', 'earns', 'return', 'pay interest'],
    topup: ['put in a check', 'cash a check', 'cashed', 'put in'],
    stop: ['stop', 'stopped', 'stop payment', 'block a check', 'cancel a check', 'void', 'halt'],
    checks: ['check', 'checks', 'checkbook', 'cheque', 'cheques', 'chequebook', 'check book'],
    routing: ['routing', 'aba', 'routing number', 'transit number', 'bank code'],
    activate: ['start', 'begin', 'activate', 'activation', 'start using', 'turn on', 'enable', 'new card'],
    salary: ['get paid', 'paid', 'pay day', 'payday', 'employer', 'job', 'work pays'],
    cancel: ['stop', 'stopped', 'call off', 'take back'],
    callback: ['ring me back', 'phone back', 'call back', 'called', 'call', 'calls', 'phoned', 'rang'],
    change: ['change', 'changing', 'changed', 'different', 'switch', 'update', 'modify', 'reset', 'new one', 'pick a new'],
    weather: ['weather', 'rain', 'raining', 'snow', 'snowing', 'temperature', 'forecast', 'sunny', 'cold outside', 'hot outside', 'umbrella'],
    sports: ['hockey', 'football', 'soccer', 'baseball', 'basketball', 'who won', 'score', 'playoffs', 'super bowl'],
    joke: ['joke', 'jokes', 'funny', 'riddle'],
    view: ['check my', 'check on', 'check the', 'look at', 'see my', 'view', 'view my'],
    withdraw: ['withdraw', 'withdrawal', 'withdrawals', 'withdrawing', 'take out', 'take cash out', 'get cash', 'cash out', 'take money out'],
    atm: ['machine', 'machines'],
    schedule: ['schedule', 'scheduled', 'book', 'appointment', 'pick a time', 'choose a time', 'a time that', 'later', 'set a time'],
  },
  es: {
    due: ['vence', 'vencimiento', 'fecha limite', 'fecha de pago', 'ultimo dia', 'atrasado', 'atraso', 'tardio', 'plazo', 'a mas tardar', 'pago tardio'],
    raise: ['aumentar', 'aumento', 'subir', 'subo', 'mayor', 'ampliar', 'mas credito', 'mas limite'],
    overdraft: ['sin dinero', 'no tengo dinero', 'no alcanza', 'sin saldo', 'negativo', 'numeros rojos', 'saldo negativo', 'fondos insuficientes', 'sin fondos', 'rebotado', 'rebota', 'sobre giro', 'sobre giros', 'gastar mas de lo que tengo'],
    fee: ['multa', 'penalizacion', 'penalidad', 'vale', 'valen', 'pagar por'],
    holiday: ['cuatro de julio', 'feriado', 'feriados', 'festivo', 'festivos', 'dia festivo', 'navidad', 'nochebuena', 'ano nuevo', 'accion de gracias', 'dia de accion de gracias', 'dia de la independencia', 'semana santa', 'pascua', 'dia del trabajo', 'dia de los caidos', 'dia de los veteranos', 'puente', 'fin de semana largo'],
    hours: ['a que hora', 'hasta que hora', 'trabajan', 'atienden', 'atender', 'atencion'],
    afterhours: ['medianoche', 'de madrugada', 'fuera del horario', 'fuera de horario', 'noche', 'de noche', 'madrugada', 'fin de semana', 'fines de semana', 'a cualquier hora', 'yo mismo', 'yo misma', 'por mi cuenta', 'autoservicio', 'cerrado', 'cerrados', 'todo el dia'],
    alert: ['alerta', 'alertas', 'aviso', 'avisos', 'avisen', 'avisar', 'avise', 'avisarme', 'notificacion', 'notificaciones', 'notificar', 'notifiquen', 'mensaje de texto', 'mensaje', 'mensajes', 'texto', 'sms', 'saldo bajo'],
    signin: ['iniciar sesion', 'inicio de sesion', 'entrar', 'ingresar', 'acceder', 'acceso', 'usuario'],
    attempts: ['varias veces', 'muchas veces', 'demasiadas veces', 'intentos', 'intente', 'contrasena equivocada', 'clave equivocada'],
    forget: ['no me acuerdo', 'olvide', 'olvido', 'olvidado', 'olvidada', 'no recuerdo'],
    automatic: ['automatico', 'automatica', 'automaticamente', 'sola', 'por si sola', 'por si solo', 'recurrente', 'domiciliar', 'domiciliacion', 'cargo automatico', 'cada mes'],
    wrong: ['no hice', 'yo no hice', 'no autorice', 'no es mio', 'cargo desconocido', 'sospechoso', 'desconozco'],
    lose: ['asaltaron', 'asalto', 'me quitaron', 'quitaron', 'cartera', 'billetera', 'bolsa', 'bolso', 'carterista'],
    genuine: ['seguro', 'segura', 'confiable', 'estafa', 'estafador', 'fraude', 'falso', 'falsa', 'de verdad', 'verdad', 'realmente', 'legitimo', 'legitima', 'autentico', 'engano', 'confiar', 'suplantacion'],
    bill: ['factura', 'facturas', 'recibo', 'recibos', 'servicios', 'luz', 'agua', 'gas', 'cable', 'renta', 'alquiler', 'beneficiario', 'compania de luz'],
    abroad: ['otro pais', 'europa', 'asia', 'canada', 'espana', 'francia', 'centroamerica', 'sudamerica', 'latinoamerica', 'guatemala', 'colombia', 'el salvador', 'honduras', 'republica dominicana', 'vacaciones'],
    domestic: ['estados unidos', 'en el pais', 'aqui', 'nacional', 'dentro del pais', 'eeuu', 'ee uu'],
    recipient: ['amigo', 'amiga', 'familiar', 'familia', 'hermana', 'hermano', 'mama', 'papa', 'madre', 'padre', 'hijo', 'hija', 'alguien', 'otra persona', 'persona', 'pariente', 'primo', 'prima'],
    hold: ['espera', 'esperar', 'esperando', 'en espera', 'en la linea', 'fila'],
    miss: ['contestar', 'conteste', 'responder', 'respondi', 'no conteste', 'no contesto', 'no respondi', 'perdi la llamada', 'no pude contestar', 'no estaba', 'ocupado', 'ocupada'],
    available: ['acreditar', 'acreditarse', 'acreditado', 'disponible', 'disponibles', 'retienen', 'retencion', 'todavia no', 'aun no'],
    interest: ['interes', 'intereses', 'tasa', 'tasas', 'rendimiento', 'rinde', 'gana', 'ganancia', 'apy', 'apr'],
    stop: ['parar', 'detener', 'suspender', 'frenar', 'anular un cheque', 'stop'],
    checks: ['cheque', 'cheques', 'chequera', 'chequeras', 'talonario'],
    routing: ['numero de ruta', 'ruta', 'aba', 'nueve digitos', 'numero del banco'],
    activate: ['empezar', 'empiezo', 'comenzar', 'comienzo', 'estrenar', 'activar', 'activo', 'activacion', 'habilitar', 'empezar a usar', 'comenzar a usar', 'poner en funcionamiento', 'tarjeta nueva'],
    salary: ['me paguen', 'me pagan', 'pago de nomina', 'empleador', 'patron', 'trabajo'],
    cancel: ['deshacer', 'revertir'],
    callback: ['marcarme', 'marcar', 'marquen', 'marcan', 'llamarme', 'llamen', 'llaman', 'hablarme', 'llamaron', 'llamada', 'llamadas', 'marcaron'],
    change: ['cambiar', 'cambio', 'cambiarlo', 'diferente', 'otro nip', 'modificar', 'actualizar', 'restablecer', 'uno nuevo'],
    weather: ['clima', 'que tiempo hace', 'tiempo hace', 'llover', 'lluvia', 'llueve', 'nieve', 'temperatura', 'pronostico', 'hace calor', 'hace frio'],
    sports: ['partido', 'futbol', 'beisbol', 'basquetbol', 'quien gano', 'marcador', 'liga'],
    joke: ['chiste', 'chistes', 'broma', 'bromas'],
    freeze: ['bloquearon', 'bloqueado', 'bloquee', 'bloquearme', 'bloqueo'],
    withdraw: ['retirar', 'retiro', 'retiros', 'sacar', 'sacar dinero', 'sacar efectivo'],
    schedule: ['programar', 'agendar', 'cita', 'escoger la hora', 'elegir la hora', 'mas tarde'],
  },
  fr: {
    due: ['echeance', 'date d echeance', 'date limite', 'dernier jour', 'retard', 'en retard', 'delai', 'au plus tard', 'date de paiement'],
    raise: ['augmenter', 'augmentation', 'hausser', 'hausse', 'plus elevee', 'plus eleve', 'superieure', 'superieur', 'davantage', 'plus de credit'],
    overdraft: ['pas assez d argent', 'sans argent', 'pas d argent', 'compte vide', 'negatif', 'dans le rouge', 'sous zero', 'fonds insuffisants', 'sans provision', 'decouvert'],
    fee: ['penalite', 'penalites', 'amende', 'chargez', 'chargent', 'charger', 'tarif', 'tarifs', 'payer pour'],
    holiday: ['jour de l an', 'ferie', 'feries', 'jour ferie', 'jours feries', 'conge', 'conges', 'noel', 'veille de noel', 'nouvel an', 'paques', 'vendredi saint', 'fete du canada', 'fete nationale', 'saint jean', 'saint jean baptiste', 'action de grace', 'action de graces', 'fete du travail', 'journee nationale des patriotes', 'lendemain de noel', 'fetes', 'temps des fetes', 'long week end'],
    hours: ['a quelle heure', 'jusqu a quelle heure', 'heure', 'travaillez', 'etes vous ouverts'],
    afterhours: ['minuit', 'en pleine nuit', 'tot le matin', 'en dehors des heures', 'apres les heures', 'soir', 'le soir', 'soiree', 'nuit', 'la nuit', 'fin de semaine', 'week end', 'n importe quand', 'moi meme', 'par moi meme', 'libre service', 'ferme', 'fermes', 'toute la journee'],
    alert: ['alerte', 'alertes', 'avis', 'avertir', 'avertissement', 'aviser', 'notification', 'notifications', 'notifier', 'texto', 'textos', 'message texte', 'sms', 'courriel', 'solde bas'],
    signin: ['connecter', 'me connecter', 'connexion', 'ouvrir une session', 'session', 'entrer', 'acceder', 'acces', 'identifiant', 'verrouille', 'verrouillee'],
    attempts: ['trop de fois', 'plusieurs fois', 'plusieurs erreurs', 'tentatives', 'essais', 'essaye', 'mauvais mot de passe'],
    forget: ['oublie', 'oubliee', 'oublier', 'souviens pas', 'souviens plus', 'rappelle pas', 'rappelle plus'],
    automatic: ['automatique', 'automatiques', 'automatiquement', 'preautorise', 'preautorises', 'preautorisee', 'toute seule', 'tout seul', 'recurrent', 'recurrents', 'chaque mois'],
    wrong: ['pas fait', 'jamais fait', 'pas achete', 'jamais achete', 'pas autorise', 'inconnu', 'inconnue', 'suspect', 'suspecte', 'reconnais pas', 'frauduleuse', 'frauduleux'],
    lose: ['pris', 'prise', 'on m a pris', 'agresse', 'agression', 'portefeuille', 'sacoche', 'sac a main', 'pickpocket'],
    genuine: ['securitaire', 'fiable', 'fraude', 'arnaque', 'fraudeur', 'faux', 'fausse', 'vraiment', 'vrai', 'legitime', 'authentique', 'hameconnage', 'confiance', 'se faire passer'],
    bill: ['facture', 'factures', 'hydro', 'hydro quebec', 'electricite', 'cable', 'fournisseur', 'loyer', 'taxes municipales', 'bell', 'videotron', 'telephone cellulaire'],
    abroad: ['europe', 'asie', 'afrique', 'france', 'etats unis', 'floride', 'mexique', 'caraibes', 'amerique du sud', 'voyage', 'vacances', 'sud'],
    domestic: ['au canada', 'canada', 'ici', 'ontario', 'toronto', 'quebec', 'montreal', 'vancouver', 'alberta', 'province', 'au pays'],
    recipient: ['ami', 'amie', 'amis', 'soeur', 'frere', 'mere', 'pere', 'fils', 'fille', 'quelqu un', 'famille', 'proche', 'parent', 'cousin', 'cousine', 'chum', 'blonde', 'coloc'],
    hold: ['attendre', 'attente', 'en attente', 'patienter', 'file'],
    miss: ['repondre', 'repondu', 'manque', 'manquer', 'manque l appel', 'pas repondu', 'pas repondre', 'pas disponible', 'absent', 'occupe', 'occupee'],
    available: ['disponible', 'disponibles', 'encaisser', 'encaisse', 'utilisable', 'retenu', 'retenue', 'avoir l argent', 'acces aux fonds'],
    interest: ['interet', 'interets', 'taux', 'rendement', 'rapporte', 'rapporter'],
    stop: ['arreter', 'arret', 'opposition', 'annuler un cheque', 'stopper'],
    checks: ['cheque', 'cheques', 'carnet de cheques', 'chequier'],
    routing: ['numero de transit', 'transit', 'institution', 'numero d institution', 'specimen', 'specimen de cheque'],
    activate: ['commencer', 'debuter', 'activer', 'activation', 'mettre en service', 'nouvelle carte'],
    salary: ['etre paye', 'verse', 'versee', 'versement', 'employeur', 'travail'],
    cancel: ['defaire', 'renverser', 'revenir sur'],
    callback: ['appelle', 'appellent', 'appelait', 'appeliez', 'telephonez', 'telephoner', 'appele', 'appelez', 'appeler', 'appel', 'appels'],
    change: ['changer', 'changement', 'modifier', 'different', 'autre nip', 'mettre a jour', 'reinitialiser', 'un nouveau'],
    weather: ['meteo', 'quel temps', 'temps fait il', 'temps qu il fait', 'il fait beau', 'pleuvoir', 'pluie', 'pleut', 'neige', 'neiger', 'temperature', 'previsions'],
    sports: ['hockey', 'match', 'partie de hockey', 'qui a gagne', 'soccer', 'football', 'canadiens', 'series'],
    joke: ['blague', 'blagues', 'farce', 'raconte moi'],
    freeze: ['bloque', 'bloquee', 'verrouille', 'verrouillee'],
    withdraw: ['retirer', 'retrait', 'retraits', 'sortir de l argent', 'retirer de l argent'],
    schedule: ['planifier', 'reserver', 'rendez vous', 'choisir l heure', 'plus tard'],
  },
};

/**
 * More of the same, second round (issue 16): product and service words the first round lacked
 * (savings, branches, statements, disputes, the automated phone system, Mexican places for the
 * remittance section, US Spanish loanwords such as "checking" and "routing number"), and a few
 * pronunciations a transcript keeps (the pin/pen merger of Southern US English). Written from
 * banking knowledge per cause of a miss on the development sets, not from their wording.
 * Merged by {@link searchTerms} only.
 */
const SEARCH_BANKING_2: Record<string, Lexicon> = {
  en: {
    savings: ['savings', 'save', 'saving', 'high yield', 'high interest', 'put aside', 'set aside', 'put away', 'park', 'nest egg', 'rainy day fund', 'apy', 'money market'],
    card: ['apr', 'carry a balance', 'carrying a balance', 'revolve', 'purchase rate'],
    raise: ['bump', 'bump up', 'up my', 'max out', 'maxed out', 'maxing out', 'maxed', 'room', 'spending room', 'spending power', 'more spending'],
    month: ['maintenance', 'maintenance fee', 'maintenance charge', 'service fee', 'account fee', 'keep the account open'],
    overdraft: ['more than i have', 'more than what is in', 'more than is in', 'spend more than', 'go over', 'go below', 'go negative'],
    branch: ['branch', 'branches', 'lobby', 'in person', 'location', 'locations', 'office', 'walk in', 'come in', 'go in', 'teller', 'tellers', 'counter', 'drive through', 'drive thru'],
    afterhours: ['automated', 'automated system', 'phone system', 'phone menu', 'menu', 'robot', 'bot', 'assistant', 'virtual assistant', 'without a person', 'without talking to anyone', 'without an agent', 'no one', 'nobody', 'twenty four seven'],
    signin: ['let me in', 'let me log in', 'lock me out', 'locks me out', 'shut out', 'will not let me', 'keeps saying', 'website', 'site'],
    attempts: ['bunch of times', 'a lot of times', 'so many times', 'over and over', 'again and again', 'typed wrong', 'wrong password'],
    alert: ['email', 'emails', 'e mail', 'ping me', 'ping', 'every time', 'whenever', 'low', 'too low', 'runs low', 'gets low', 'drops below', 'big purchase', 'large purchase'],
    due: ['pay by', 'paid by', 'due by', 'have to pay by', 'by what day', 'what day', 'on what day'],
    automatic: ['auto debit', 'pull the payment', 'take it out', 'debit my account', 'set and forget'],
    mexico: ['mexico', 'mexican', 'guadalajara', 'monterrey', 'tijuana', 'cancun', 'acapulco', 'puebla', 'oaxaca', 'jalisco', 'michoacan', 'guerrero', 'zacatecas', 'chihuahua', 'sonora', 'sinaloa', 'durango', 'veracruz', 'yucatan', 'chiapas', 'queretaro', 'guanajuato', 'nuevo leon', 'baja california', 'cdmx', 'pesos'],
    transfer: ['move', 'moving', 'moved', 'shift', 'put'],
    checking: ['checking', 'chequing', 'savings', 'savings account', 'my other account', 'my own accounts', 'between accounts'],
    close: ['get rid of', 'rid of', 'leave the bank', 'switch banks', 'switching banks', 'change banks', 'stop banking'],
    cancel: ['get it back', 'get my money back', 'get the money back', 'wrong person', 'wrong account', 'recover', 'pull back', 'claw back'],
    dispute: ['dispute', 'disputes', 'contest', 'challenge', 'fight', 'report a charge', 'reversed', 'reverse the charge'],
    wrong: ['weird', 'odd', 'strange', 'do not know what it is', 'do not recognize'],
    statement: ['statement', 'statements', 'bank statement', 'monthly statement', 'summary', 'bill'],
    miss: ['get to the phone', 'in time', 'missed it', 'did not get to', 'could not get to', 'too late', 'was driving', 'was busy', 'step away'],
    hold: ['hold music', 'music on hold', 'my turn', 'sit here', 'sit on hold', 'stuck on hold', 'on the line', 'wait time', 'long wait'],
    order: ['order', 'reorder', 'more checks', 'new checks', 'new checkbook', 'run out', 'running out', 'almost out', 'send me'],
    available: ['spend', 'spend it', 'use it', 'usable', 'access', 'release', 'released'],
    routing: ['bank s number', 'number of the bank', 'bank routing'],
    pin: ['pen number', 'pen code', 'four digit code', '4 digit code'],
    activate: ['get it working', 'set up my card', 'turn it on'],
  },
  es: {
    savings: ['ahorro', 'ahorros', 'cuenta de ahorro', 'cuenta de ahorros', 'ahorrar', 'ahorrando', 'guardar', 'guardar mi dinero', 'guardar dinero', 'savings', 'alto rendimiento', 'apy'],
    card: ['apr', 'dejar saldo', 'saldo pendiente'],
    raise: ['suban', 'suba', 'subirme', 'subanme', 'aumenten', 'aumentarme', 'ampliar el credito', 'credito de mi tarjeta', 'mas cupo', 'cupo', 'al tope', 'llena', 'topada'],
    month: ['mantenimiento', 'cargo de mantenimiento', 'cuota de manejo', 'cuota mensual', 'cargo mensual'],
    overdraft: ['mas de lo que tengo', 'mas de lo que hay', 'gastar de mas', 'quedar en negativo', 'pasarme'],
    branch: ['sucursal', 'sucursales', 'oficina', 'oficinas', 'en persona', 'ventanilla', 'cajero humano', 'ir al banco', 'pasar al banco', 'lobby'],
    afterhours: ['sistema automatico', 'sistema automatizado', 'automatizado', 'menu', 'robot', 'asistente', 'asistente virtual', 'sin hablar con nadie', 'sin un agente', 'nadie', 'veinticuatro horas'],
    signin: ['no me deja entrar', 'sacaron', 'sitio', 'pagina'],
    attempts: ['un monton de veces', 'tantas veces', 'una y otra vez', 'mal la contrasena'],
    alert: ['correo electronico', 'email', 'cada vez que', 'bajo', 'baja', 'compra grande'],
    due: ['pagar antes de', 'antes de que dia', 'que dia', 'para que dia', 'hasta cuando'],
    automatic: ['solito', 'solita', 'que se cobre solo', 'que se pague solo', 'descontar', 'debito automatico'],
    mexico: ['mexico', 'mexicano', 'guadalajara', 'monterrey', 'tijuana', 'cancun', 'acapulco', 'puebla', 'oaxaca', 'jalisco', 'michoacan', 'guerrero', 'zacatecas', 'chihuahua', 'sonora', 'sinaloa', 'durango', 'veracruz', 'yucatan', 'chiapas', 'queretaro', 'guanajuato', 'nuevo leon', 'baja california', 'ciudad de mexico', 'cdmx', 'df', 'pesos', 'mi tierra', 'el rancho'],
    transfer: ['mover', 'muevo', 'pasar', 'paso', 'pasarle'],
    checking: ['checking', 'cuenta de cheques', 'cuenta corriente', 'savings', 'cuenta de ahorro', 'cuenta de ahorros', 'mi otra cuenta', 'mis cuentas', 'entre cuentas'],
    routing: ['routing', 'routing number', 'numero de routing'],
    close: ['cambiarme de banco', 'irme del banco', 'dejar el banco'],
    cancel: ['recuperar', 'recuperarlo', 'recuperarla', 'persona equivocada', 'cuenta equivocada', 'regresen', 'me lo regresen', 'echar para atras'],
    dispute: ['disputar', 'disputa', 'reclamar', 'reclamo', 'reclamacion', 'pelear', 'peleo', 'impugnar', 'objetar'],
    wrong: ['raro', 'rara', 'extrano', 'extrana', 'no se que es'],
    statement: ['resumen', 'resumen del mes', 'extracto'],
    miss: ['agarrar', 'no agarre', 'no alcance', 'no alcance a contestar', 'a tiempo', 'estaba manejando', 'estaba ocupado', 'no pude'],
    hold: ['mi turno', 'aqui sentado', 'en linea', 'tiempo de espera'],
    order: ['pedir', 'ordenar', 'solicitar', 'mas cheques', 'otra chequera', 'nueva chequera', 'se me acaban', 'se me acabaron'],
    available: ['gastar', 'usar el dinero', 'usarlo', 'liberan', 'liberar'],
    activate: ['echar a andar', 'echo a andar', 'prender', 'poner a funcionar', 'hacerla funcionar'],
    stop: ['pararlo', 'detenerlo', 'frenarlo', 'pararla', 'detenerla'],
    enroll: ['crear', 'crear mi usuario', 'crear una cuenta', 'abrir mi acceso', 'afiliarme', 'afiliar'],
    topup: ['depositar', 'deposito', 'deposite', 'meter', 'meterlo a mi cuenta'],
  },
  fr: {
    savings: ['epargne', 'epargner', 'compte d epargne', 'economies', 'economiser', 'de cote', 'mettre de cote', 'mettant de cote', 'placer', 'placement', 'haut rendement', 'cet'],
    card: ['tpa', 'garder un solde', 'solde impaye', 'reporter un solde'],
    raise: ['marge', 'plus de marge', 'pleine', 'au max', 'au maximum', 'toujours pleine', 'monter', 'monter ma limite'],
    month: ['entretien', 'frais d entretien', 'frais de tenue de compte', 'tenue de compte', 'frais mensuels'],
    overdraft: ['plus que ce que j ai', 'plus que ce qu il y a', 'depasser', 'dans le moins'],
    branch: ['succursale', 'succursales', 'caisse', 'comptoir', 'en personne', 'agence', 'bureau', 'aller a la banque', 'passer a la banque', 'caissier', 'caissiere'],
    afterhours: ['systeme automatise', 'systeme automatique', 'automatise', 'menu', 'robot', 'assistant', 'assistant virtuel', 'sans parler a personne', 'sans agent', 'personne', 'vingt quatre heures'],
    signin: ['laisse plus rentrer', 'laisse pas rentrer', 'laisse plus entrer', 'me laisse', 'rentrer', 'site'],
    attempts: ['plein de fois', 'souvent', 'a repetition', 'encore et encore'],
    alert: ['courriel', 'un courriel', 'chaque fois que', 'a chaque fois', 'bas', 'trop bas', 'gros achat'],
    due: ['payer avant', 'avant quelle date', 'quelle journee', 'pour quand'],
    automatic: ['prelevement automatique', 'prelever', 'preleve', 'debit preautorise'],
    mexico: ['mexique', 'mexico', 'mexicain', 'guadalajara', 'monterrey', 'tijuana', 'cancun', 'acapulco', 'puebla', 'oaxaca', 'jalisco', 'pesos'],
    transfer: ['deplacer', 'bouger', 'passer', 'mettre'],
    checking: ['compte cheques', 'compte de cheques', 'compte courant', 'compte d epargne', 'epargne', 'mon autre compte', 'mes comptes', 'entre comptes', 'cheques'],
    close: ['changer de banque', 'quitter la banque', 'me debarrasser'],
    cancel: ['ravoir', 'recuperer', 'mauvaise personne', 'mauvais compte', 'arreter', 'arreter le virement', 'revenir en arriere'],
    dispute: ['contester', 'contestation', 'reclamer', 'reclamation', 'plainte', 'disputer'],
    wrong: ['bizarre', 'etrange', 'sais pas c est quoi', 'reconnais pas'],
    statement: ['releve', 'releves', 'releve de compte', 'etat de compte', 'etats de compte', 'releve mensuel'],
    miss: ['pas eu le temps', 'a temps', 'trop tard', 'je conduisais', 'pas pu repondre', 'pas pu'],
    hold: ['mon tour', 'rester en ligne', 'temps d attente'],
    order: ['commander', 'commande', 'plus de cheques', 'nouveaux cheques', 'nouveau chequier', 'manque de cheques'],
    available: ['liberer', 'liberes', 'liberee', 'liberees', 'debloquer', 'debloques', 'acces a l argent', 'avoir acces', 'depenser', 'utiliser l argent'],
    activate: ['faire fonctionner', 'partir', 'la faire marcher'],
    enroll: ['abonner', 'abonne', 'abonnement', 'm abonner', 's abonner', 'creer', 'creer mon acces'],
    topup: ['deposer', 'depot', 'mettre dans mon compte', 'dans mon compte'],
    holiday: ['premier juillet', 'premier janvier', 'vingt quatre juin', 'saint jean', 'jour du souvenir', 'lendemain du jour de l an'],
  },
};

/**
 * The concepts that make a question a banking question (products, money movements, fees, access,
 * service): {@link isBankingConcept}. Concepts such as `~day`, `~abroad`, `~recipient`, `~hours`
 * or `~weather` also occur in off-topic questions and are left out.
 */
const BANKING_CONCEPTS = new Set(
  'card money balance pin fee transfer refund topup declined insurance mortgage loan freeze atm overdraft salary website enroll due limit interest checks routing bill signin alert stop activate holiday lose verify callback agent withdraw savings branch mexico checking dispute statement order'
    .split(' ')
    .map((c) => `~${c}`),
);

/** Concepts of questions a bank's FAQ never answers (weather, sports, jokes, cars), unless a banking term matches too: {@link isOffTopicConcept}. */
const OFF_TOPIC_CONCEPTS = new Set(['~weather', '~sports', '~joke', '~car']);

/** Whether a {@link searchTerms} term is an off-topic concept (`~weather`, `~sports`, `~joke`, `~car`: the FAQ has no car loans). */
export function isOffTopicConcept(term: string): boolean {
  return OFF_TOPIC_CONCEPTS.has(term);
}

/** Whether a {@link searchTerms} term is a banking concept (see `BANKING_CONCEPTS`), e.g. `~overdraft`; `~weather` is not. */
export function isBankingConcept(term: string): boolean {
  return BANKING_CONCEPTS.has(term);
}

/** Words that carry no meaning for search beyond those of `STOP` (folded), per language. */
const SEARCH_STOP: Record<string, string[]> = {
  en: 'rather than anymore anything something everything say says said make made came come comes going really now already ever even actually able lot much many way thing things instead looking um uh yeah'.split(' '),
  es: 'ya todavia aun solo muy bien hacer hago hace hay entonces tambien vez algo alguna algun cosa busco buscar buscando este eh tengo tener tiene'.split(' '),
  fr: 'puis soit deja encore aussi bien tres vraiment donc faut fait quoi ca est-ce chose quelque cherche chercher cherchais euh ben dois doit devoir'.split(' '),
};

const searchCompiled = new Map<string, Compiled>();

function searchLexiconOf(language: string): Compiled {
  let c = searchCompiled.get(language);
  if (c) return c;
  const base = lexiconOf(language);
  const phrases = new Map<string, [string[], string][]>([...base.phrases].map(([k, v]) => [k, [...v]]));
  for (const [concept, forms] of [...Object.entries(SEARCH_EXTRA[language] ?? {}), ...Object.entries(SEARCH_BANKING[language] ?? {}), ...Object.entries(SEARCH_BANKING_2[language] ?? {})]) {
    for (const form of forms) {
      const words = form.split(' ');
      let list = phrases.get(words[0]!);
      if (!list) phrases.set(words[0]!, (list = []));
      list.push([words, `~${concept}`]);
    }
  }
  for (const list of phrases.values()) list.sort((x, y) => y[0].length - x[0].length);
  // The same phrases by the stem of their first word, for inflected forms the lists do not spell
  // out ("checkbooks", "forgetting", "bloqueadas").
  const byStem = new Map<string, [string[], string][]>();
  const forms = new Set<string>();
  for (const list of phrases.values()) {
    for (const entry of list) {
      const key = stem(entry[0][0]!, language);
      let l = byStem.get(key);
      if (!l) byStem.set(key, (l = []));
      l.push(entry);
      if (entry[0].length === 1) forms.add(entry[0][0]!);
    }
  }
  for (const list of byStem.values()) list.sort((x, y) => y[0].length - x[0].length);
  c = { phrases, stop: new Set([...base.stop, ...(SEARCH_STOP[language] ?? [])]), byStem, forms };
  searchCompiled.set(language, c);
  return c;
}

/**
 * Search terms for full-text retrieval (the local knowledge base), one unit per content word or
 * lexicon phrase: the word's stem (a phrase: the stems of its content words), then the concept,
 * so that exact wording still ranks first while a synonym ("stolen" for "lost", "charge" for
 * "fee") still matches. The lexicon is this module's plus the FAQ vocabulary of `SEARCH_EXTRA`.
 * Stop words (this module's and `extraStopWords`, folded) and numbers are dropped.
 * @param text a question or a document's text.
 * @param language ISO 639-1 (`en`, `es`, `fr`; other languages: stems only).
 * @example searchTerms('my card was stolen', 'en') // [['card', '~card'], ['stolen', '~lose']]
 */
export function searchTerms(text: string, language: string, extraStopWords: ReadonlySet<string> = new Set()): string[][] {
  const { phrases, stop, byStem, forms } = searchLexiconOf(language);
  const words = joinSplitWords(joinSpelledLetters(analyzeWords(text, language)), forms!);
  const stems = words.map((w) => stem(w, language));
  const isStop = (w: string) => stop.has(w) || extraStopWords.has(w);
  // A phrase word matches as written or by its stem when the word is an inflection of it (as long or
  // longer: "checkbooks" for "checkbook", not "phone" for "phoned").
  const same = (x: string, k: number) => words[k] === x || (x.length > 3 && (words[k]?.length ?? 0) >= x.length && stems[k] === stem(x, language));
  const out: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SLOT_TOKEN.test(w) || w === NUMBER_TOKEN) continue;
    // The longest phrase starting here, with every concept it belongs to ("close": hours and close).
    const exact = (phrases.get(w) ?? []).filter(([p]) => p.every((x, k) => words[i + k] === x));
    const found = exact.length ? exact : (byStem!.get(stems[i]!) ?? []).filter(([p]) => p.length === 1 && same(p[0]!, i));
    const longest = found[0]?.[0].length ?? 0;
    const concepts = [...new Set(found.filter(([p]) => p.length === longest).map(([, c]) => c))];
    if (concepts.length) {
      const content = found[0]![0].filter((x) => !isStop(x)).map((x) => stem(x, language));
      // The phrase, its concepts, then its words: "routing number" still shares "number" with "rooting number".
      out.push([...new Set([content.join('_') || concepts[0]!, ...concepts, ...(content.length > 1 ? content : [])])]);
      i += longest - 1;
      continue;
    }
    if (!isStop(w)) out.push([stem(w, language)]);
  }
  return out;
}

/**
 * A transcript spells acronyms letter by letter ("a t m", "p i n", "n i p"): a run of three or more
 * single letters becomes one word. Two are left alone (French elisions leave "l", "j", "m" beside "a").
 */
function joinSpelledLetters(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && /^\p{L}$/u.test(words[j]!)) j++;
    if (j - i >= 3) out.push(words.slice(i, j).join(''));
    else out.push(...words.slice(i, Math.max(j, i + 1)));
    i = Math.max(j, i + 1);
  }
  return out;
}

/**
 * A transcript may split a compound ("over draft", "check book", "thanks giving"): two neighbours
 * whose joined form is a one-word form of the search lexicon become that word.
 */
function joinSplitWords(words: string[], forms: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    if (next && words[i]!.length > 1 && next.length > 1 && !forms.has(words[i]!) && forms.has(words[i]! + next)) out.push(words[i]! + next), i++;
    else if (next && words[i]!.length > 1 && next.length > 2 && forms.has(words[i]! + next) && !forms.has(next)) out.push(words[i]! + next), i++;
    else out.push(words[i]!);
  }
  return out;
}

/** {@link conceptTerms} of words already analysed by {@link analyzeWords}. */
export function conceptsOfWords(words: readonly string[], language: string): string[] {
  const { phrases, stop } = lexiconOf(language);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SLOT_TOKEN.test(w) || w === NUMBER_TOKEN) {
      out.push(w);
      continue;
    }
    const match = phrases.get(w)?.find(([p]) => p.every((x, k) => words[i + k] === x));
    if (match) {
      if (out[out.length - 1] !== match[1]) out.push(match[1]);
      i += match[0].length - 1;
      continue;
    }
    if (stop.has(w)) continue;
    out.push(stem(w, language));
  }
  return out;
}

/** Question openers per language, longest first within a kind: [kind, words]. */
const QUESTION_OPENERS: Record<string, [string, string][]> = {
  en: [
    ['howlong', 'how long'], ['howlong', 'how soon'], ['howmuch', 'how much'], ['howmuch', 'how many'], ['how', 'how'],
    ['when', 'when'], ['when', 'what time'], ['when', 'what date'], ['when', 'what day'], ['when', 'by when'], ['when', 'by what date'],
    ['why', 'why'], ['where', 'where'], ['what', 'what'], ['what', 'which'],
    ['can', 'can'], ['can', 'could'], ['can', 'is there'], ['can', 'are there'], ['can', 'do you'], ['can', 'are you'], ['can', 'does'], ['can', 'will'], ['can', 'is'],
  ],
  es: [
    ['howlong', 'cuanto tarda'], ['howlong', 'cuanto tiempo'], ['howmuch', 'cuanto'], ['howmuch', 'cuanta'], ['howmuch', 'cuantos'], ['howmuch', 'cuantas'],
    ['when', 'cuando'], ['when', 'a que hora'], ['when', 'a que horas'], ['when', 'hasta que hora'], ['when', 'que dia'], ['when', 'para cuando'],
    ['how', 'como'], ['why', 'por que'], ['where', 'donde'], ['what', 'que'], ['what', 'cual'], ['what', 'cuales'],
    ['can', 'puedo'], ['can', 'pueden'], ['can', 'puede'], ['can', 'hay'], ['can', 'tienen'], ['can', 'es'], ['can', 'se puede'],
  ],
  fr: [
    ['howlong', 'combien de temps'], ['howmuch', 'combien'], ['when', 'quand'], ['when', 'a quelle heure'], ['when', 'jusqu a quelle heure'], ['when', 'quel jour'], ['when', 'quelle date'],
    ['how', 'comment'], ['why', 'pourquoi'], ['where', 'ou'], ['what', 'qu est ce que'], ['what', 'quel'], ['what', 'quelle'], ['what', 'quels'], ['what', 'quelles'],
    ['can', 'puis je'], ['can', 'peut on'], ['can', 'pouvez vous'], ['can', 'est ce que'], ['can', 'y a t il'], ['can', 'avez vous'], ['can', 'etes vous'], ['can', 'je peux'],
  ],
};

/**
 * What kind of question an utterance opens with (`when`, `howlong`, `howmuch`, `how`, `why`,
 * `where`, `what`, `can` for yes/no), from its first few words: "c'est quand la date limite" →
 * `when`; "how much can I send" → `howmuch`. Used by the local knowledge base to prefer a section
 * whose question is of the same kind (a due date over how to pay). Empty when none is found.
 * @param language ISO 639-1 (`en`, `es`, `fr`; other languages: always empty).
 */
export function questionKinds(text: string, language: string): string[] {
  const words = analyzeWords(text, language);
  const kinds = new Set<string>();
  // Interrogatives lead a question ("c'est quand", "so when"); later "que"/"ou" are conjunctions.
  for (let i = 0; i < Math.min(words.length, 3); i++) {
    let best: [string, number] | undefined;
    for (const [kind, opener] of QUESTION_OPENERS[language] ?? []) {
      const o = opener.split(' ');
      if (o.every((w, k) => words[i + k] === w) && (!best || o.length > best[1])) best = [kind, o.length];
    }
    if (best) {
      kinds.add(best[0]);
      break;
    }
  }
  return [...kinds];
}
