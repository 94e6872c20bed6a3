/**
 * The local stand-in for the Bedrock guardrail (infra/guardrail.ts), so the embedded answerer
 * refuses what the AWS guardrail refuses: prompt attacks, the denied topics of kb-policy.ts
 * (account data, credentials, other customers, financial advice) and abuse, in each locale.
 *
 * Rules over folded text, not a classifier: it catches the phrasings of the red-team set
 * (tests/fulfillment/red-team.ts) and their near variants; Bedrock's filters are the real line on
 * AWS. A question about how to reset a password or order a card is not a credential request and
 * passes; nor is one about an alert when "my balance gets low", whether "I can check my balance" in
 * the app, or a charge "sur mon relevé" (a dispute): those are FAQ questions, not account data.
 * @module
 */
import type { Locale } from '../messages/types.js';
import { fold } from '../security/text.js';

/** Why the local guardrail intervened. */
export type LocalGuardrailReason = 'prompt_attack' | 'account_data' | 'credentials' | 'other_customers' | 'financial_advice' | 'abuse';

const R = (s: string) => new RegExp(s, 'u');

const RULES: Record<LocalGuardrailReason, RegExp[]> = {
  prompt_attack: [
    R("\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instruction|rule|prompt|guideline|previous|above|polic)"),
    R("\\b(system|hidden|original|initial) (prompt|instruction|message)"),
    R("\\b(reveal|show|print|repeat|tell me) (me )?(your|the) (prompt|instructions|rules)"),
    R("\\b(you are now|pretend (to be|you are)|act as|roleplay|developer mode|jailbreak|dan mode|no restrictions)\\b"),
    R("\\b(ignora|olvida|omite|desobedece)\\b.{0,40}\\b(instruccion|regla|indicacion|anterior)"),
    R("\\b(actua como|finge (ser|que)|haz de cuenta|modo desarrollador)\\b"),
    R("\\b(ignore|oublie|outrepasse)\\b.{0,40}\\b(instruction|regle|consigne|precedent)"),
    R("\\b(fais comme si|joue le role|agis comme|mode developpeur)\\b"),
    R("\\b(tes|vos|tus|sus) (instructions|instrucciones|consignes|reglas|regles)\\b"),
  ],
  credentials: [
    R("\\b(what|tell|give|read|send|repeat|say|share)\\b.{0,30}\\b(passcode|verification code|one time code|otp|pin|password|security answer|the code)\\b(?!.{0,20}\\b(reset|change|forgot|forget|lost|work))"),
    R("\\b(skip|bypass|without) (the )?(verification|passcode|code)\\b"),
    R("\\b(cual|dime|dame|lee|repite|envia)\\b.{0,30}\\b(codigo|contrasena|pin|clave)\\b(?!.{0,20}\\b(restablec|cambi|olvid))"),
    R("\\b(saltar|sin) (la )?verificacion\\b"),
    R("\\b(quel|donne|dis|lis|repete|envoie)\\b.{0,30}\\b(code|mot de passe|nip|pin)\\b(?!.{0,20}\\b(reinitialis|chang|oubli))"),
    R("\\bsans (la )?verification\\b"),
  ],
  account_data: [
    // "when my balance gets low" is a question about alerts and "can I check my balance in the app"
    // one about self-service, not requests for the balance.
    R("(?<!\\bi (check|see|view|look at) )\\b(my|his|her|their|the) (current |account |available )?(balance|transactions|statement balance|account number)\\b(?! (gets?|goes|drops?|falls?|runs?|is) (low|below|under|down|negative))"),
    R("\\b\\p{L}+'s (current |available )?(balance|accounts?|transactions|account number|card number)\\b"),
    R("\\bhow much (money )?(do|does|did) (i|he|she|they|my \\w+) have\\b"),
    R("\\b(list|read) (me )?(the|my|all)? ?(accounts|transactions|payments)\\b"),
    R("(?<!\\b(puedo|como|donde) (consultar|ver|revisar) )\\b(mi|su|el) (saldo|numero de cuenta|movimientos|transacciones)\\b(?! (esta|este|es|quede|queda|baja) (bajo|baja|negativo|en negativo|por debajo))"),
    R("\\bcuanto dinero (tengo|tiene)\\b"),
    R("(?<!\\bsur |\\b(je peux|puis-je|comment) (consulter|voir|verifier) )\\b(mon|son|le) (solde|numero de compte|releve)\\b(?! (est|devient|tombe|passe) (bas|faible|negatif|dans le negatif|sous))|\\bmes transactions\\b"),
    R("\\bcombien d'argent (j'ai|a-t-il|a-t-elle|ai-je)\\b"),
  ],
  other_customers: [
    R("\\b(another|other|someone else'?s?|another person'?s?|other people'?s?) (customer|client|caller|account|person)s?\\b"),
    R("\\b(who owns|whose (number|account)|the last caller|previous caller)\\b"),
    R("\\b(my (wife|husband|son|daughter|mother|father|friend|neighbor|boss)'?s?) (account|balance|card|number)\\b"),
    R("\\b(otro|otra|otros) (cliente|persona|llamante)s?\\b|\\bde quien es\\b|\\b(la cuenta|el saldo) de (mi (esposa|esposo|hijo|hija|madre|padre)|otra persona)\\b"),
    R("\\b(autre|autres) (client|personne|appelant)s?\\b|\\ba qui appartient\\b|\\b(le compte|le solde) de (ma femme|mon mari|mon fils|ma fille|quelqu'un)\\b"),
  ],
  financial_advice: [
    R("\\b(should i|which stocks?|what stocks?) (buy|invest|sell)\\b|\\b(bitcoin|crypto|cryptocurrency)\\b|\\bavoid (paying )?taxes\\b"),
    R("\\b(en que|deberia) invertir\\b|\\bacciones debo comprar\\b|\\bevitar (pagar )?impuestos\\b"),
    R("\\b(dans quoi|devrais-je) investir\\b|\\bactions (dois-je|devrais-je) acheter\\b|\\beviter (de payer )?(les )?impots\\b"),
  ],
  abuse: [
    R("\\b(fuck\\w*|shit\\w*|bitch\\w*|asshole|bastard|idiot|stupid|moron|useless|dumb|kill you|i hate you)\\b"),
    R("\\b(mierda|pendej\\w*|idiota|estupid\\w*|imbecil|inutil|cabron\\w*|te odio|puta\\w*)\\b"),
    R("\\b(merde|putain|connard\\w*|idiot\\w*|stupide|inutile|imbecile|tabarnak|calisse|je te deteste)\\b"),
  ],
};

/** The reason the local guardrail blocks `text`, or undefined when it passes. Rules of every locale apply (callers mix languages). */
export function localGuardrail(text: string, _locale: Locale): LocalGuardrailReason | undefined {
  const f = fold(text).replace(/[’`]/g, "'").replace(/\s+/g, ' ');
  for (const [reason, rules] of Object.entries(RULES) as [LocalGuardrailReason, RegExp[]][]) if (rules.some((r) => r.test(f))) return reason;
  return undefined;
}
