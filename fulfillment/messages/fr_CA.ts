import { digits, type Messages } from './types.js';

/** French (Canada). */
export const fr_CA: Messages = {
  bcp47: 'fr-CA',
  phoneCountry: 'CA',
  accountNames: { checking: 'compte chèques', savings: 'compte épargne', 'credit card': 'carte de crédit' },
  accountWithArticle: { checking: 'un compte chèques', savings: 'un compte épargne', 'credit card': 'une carte de crédit' },

  smsCode: (code) => `Votre code de vérification est ${code}. Il expire dans 5 minutes. Nous ne vous demanderons jamais ce code au téléphone.`,
  askIdentifier: "Je dois d'abord confirmer votre identité. Quel est le numéro de téléphone ou le numéro de compte inscrit à votre dossier?",
  identifierNotUnderstood: "Désolé, je n'ai pas compris. Entrez le numéro de téléphone avec l'indicatif régional, ou votre numéro de compte.",
  codeSentIfKnown: "Merci. Si ce numéro est à votre dossier, nous avons envoyé un code à 6 chiffres par texto au téléphone inscrit. Entrez-le ici, s'il vous plaît.",
  codeSentToNumber: (last) => `Pour confirmer votre identité, je vous ai envoyé un code à 6 chiffres au numéro se terminant par ${digits(last)}. Dites-le ou entrez-le sur le clavier.`,
  codeResent: 'Je vous ai envoyé un nouveau code. Il est valide pendant 5 minutes.',
  codeFormat: 'Le code compte 6 chiffres. Dites-le ou entrez-le sur le clavier.',
  codeWrong: (n) => `Ce code ne correspond pas. Il vous reste ${n} ${n === 1 ? 'essai' : 'essais'}.`,
  codeExpiredResent: 'Ce code est expiré, alors je vous en ai envoyé un nouveau. Entrez-le, s’il vous plaît.',
  lockedOut: 'Pour votre sécurité, je ne peux pas confirmer votre identité pour le moment. Je vous transfère à un conseiller.',
  sendLimit: 'Nous vous avons déjà envoyé plusieurs codes. Pour votre sécurité, je vous transfère à un conseiller.',
  tooManyIdentifiers: "Je n'ai pas trouvé votre dossier. Je vous transfère à un conseiller qui pourra vous aider.",
  verified: (name) => (name ? `Merci, ${name}, votre identité est confirmée.` : 'Merci, votre identité est confirmée.'),
  alreadyVerified: 'Votre identité est déjà confirmée.',
  verificationUnavailable: 'Désolé, je ne peux pas confirmer votre identité pour le moment. Je vous transfère à un conseiller.',

  balance: (account, amount) => `Le solde de votre ${account} est de ${amount}.`,
  creditBalance: (amount) => `Le solde de votre carte de crédit est de ${amount}.`,
  noSuchAccount: (account, available) => `Je ne vois pas de ${account} à votre dossier. Vous avez ${available}. Lequel voulez-vous?`,
  noAccounts: 'Je ne vois aucun compte à votre dossier. Je vous transfère à un conseiller.',
  whichAccount: 'Pour quel compte voulez-vous connaître le solde? Chèques, épargne ou carte de crédit?',
  whatNext: 'Comment puis-je vous aider?',

  askQuestion: 'Bien sûr, que voulez-vous savoir?',
  noAnswer: "Je n'ai pas trouvé de réponse. Vous pouvez reformuler, ou dire conseiller pour parler à quelqu'un.",
  noAnswerTransfer: 'Je ne trouve toujours pas. Je vous transfère à un conseiller qui pourra vous aider.',
  knowledgeUnavailable: 'Désolé, je ne peux pas vérifier cela pour le moment. Je vous transfère à un conseiller.',
  sources: (titles) => `${titles.length > 1 ? 'Sources' : 'Source'} : ${new Intl.ListFormat('fr-CA').format(titles)}.`,

  agent: 'Bien sûr. Je vous transfère à un conseiller.',
  callbackScheduled: (last, time) => `C'est noté. Nous vous rappellerons au numéro se terminant par ${digits(last)} ${time}.`,
  callbackInvalidNumber: "Ce numéro ne semble pas valide. À quel numéro peut-on vous joindre, avec l'indicatif régional?",
  callbackDeclined: "D'accord, je n'ai pas prévu de rappel. Vous pouvez en demander un en tout temps.",
  timesOfDay: { MO: 'en matinée', AF: 'en après-midi', EV: 'en soirée', NI: 'ce soir' },
  hours: 'Nous sommes ouverts du lundi au vendredi, de 8 h à 20 h, heure de l’Est, et le samedi, de 9 h à 17 h. Nous sommes fermés le dimanche.',
  goodbye: "Merci d'avoir communiqué avec nous. Bonne journée!",
  help: 'Je peux vous aider avec vos soldes, vos questions sur nos services, un rappel ou nos heures d’ouverture. Que voulez-vous faire?',
  error: 'Désolé, nous avons eu un problème de notre côté. Je vous transfère à un conseiller.',

  resendWords: ['renvo', 'nouveau code', 'autre code', 'encore', 'pas recu', 'recu aucun'],
  digitWords: [['zero'], ['un', 'une'], ['deux'], ['trois'], ['quatre'], ['cinq'], ['six'], ['sept'], ['huit'], ['neuf']],
  stopWords: [
    'a', 'ai', 'au', 'aux', 'avec', 'avez', 'avoir', 'besoin', 'bonjour', 'c', 'ca', 'ce', 'cet', 'cette', 'chose', 'combien',
    'comment', 'd', 'dans', 'de', 'demander', 'des', 'du', 'elle', 'en', 'est', 'et', 'euh', 'faire', 'il', 'informations',
    'information', 'j', 'je', 'l', 'la', 'le', 'les', 'm', 'ma', 'me', 'merci', 'mes', 'mon', 'n', 'ne', 'nos', 'notre', 'nous',
    'on', 'ou', 'par', 'peut', 'peux', 'plait', 'pour', 'pouvez', 'qu', 'quand', 'que', 'quel', 'quelle', 'quelles', 'quels',
    'quelque', 'question', 'sont', 'renseignement', 's', 'savoir', 'se', 'sur', 'svp', 'te', 'tu', 'un', 'une', 'veux', 'vos',
    'votre', 'voudrais', 'vous', 'y',
  ],
};
