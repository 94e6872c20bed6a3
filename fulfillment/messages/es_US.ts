import { digits, type Messages } from './types.js';

/** Spanish (United States). Formal "usted", as in the bot's SSML prompts. */
export const es_US: Messages = {
  bcp47: 'es-US',
  phoneCountry: 'US',
  accountNames: { checking: 'cuenta de cheques', savings: 'cuenta de ahorros', 'credit card': 'tarjeta de crédito' },
  accountWithArticle: { checking: 'una cuenta de cheques', savings: 'una cuenta de ahorros', 'credit card': 'una tarjeta de crédito' },

  smsCode: (code) => `Su código de verificación es ${code}. Vence en 5 minutos. Nunca le pediremos este código en una llamada.`,
  askIdentifier: 'Primero necesito confirmar su identidad. ¿Cuál es el número de teléfono o de cuenta registrado en su perfil?',
  identifierNotUnderstood: 'Disculpe, no le entendí. Escriba el número de teléfono con código de área, o su número de cuenta.',
  codeSentIfKnown: 'Gracias. Si ese dato está registrado, le enviamos un código de 6 dígitos por mensaje de texto al teléfono de su perfil. Escríbalo aquí, por favor.',
  codeSentToNumber: (last) => `Para confirmar su identidad, le envié un código de 6 dígitos al teléfono que termina en ${digits(last)}. Por favor, dígalo o márquelo.`,
  codeResent: 'Le envié un código nuevo. Es válido por 5 minutos.',
  codeFormat: 'El código tiene 6 dígitos. Por favor, dígalo o márquelo.',
  codeWrong: (n) => `Ese código no coincide. Le ${n === 1 ? 'queda 1 intento' : `quedan ${n} intentos`}.`,
  codeExpiredResent: 'Ese código ya venció, así que le envié uno nuevo. Por favor, ingréselo.',
  lockedOut: 'Por su seguridad, no puedo verificar su identidad en este momento. Le comunico con un asesor.',
  sendLimit: 'Ya le enviamos varios códigos. Por su seguridad, le comunico con un asesor.',
  tooManyIdentifiers: 'No encontré su perfil. Le comunico con un asesor que le puede ayudar.',
  verified: (name) => (name ? `Gracias, ${name}. Su identidad está verificada.` : 'Gracias. Su identidad está verificada.'),
  alreadyVerified: 'Su identidad ya está verificada.',
  verificationUnavailable: 'Disculpe, no puedo verificar su identidad en este momento. Le comunico con un asesor.',

  balance: (account, amount) => `El saldo de su ${account} es de ${amount}.`,
  creditBalance: (amount) => `El saldo de su tarjeta de crédito es de ${amount}.`,
  noSuchAccount: (account, available) => `No veo una ${account} en su perfil. Tiene ${available}. ¿Cuál desea consultar?`,
  noAccounts: 'No veo cuentas en su perfil. Le comunico con un asesor.',
  whichAccount: '¿De qué cuenta desea conocer el saldo? Cheques, ahorros o tarjeta de crédito.',
  whatNext: '¿En qué le puedo ayudar?',

  askQuestion: 'Claro, ¿qué le gustaría saber?',
  noAnswer: 'No encontré una respuesta. Puede preguntarlo de otra forma, o decir asesor para hablar con alguien.',
  noAnswerTransfer: 'Sigo sin encontrarlo. Le comunico con un asesor que le puede ayudar.',
  knowledgeUnavailable: 'Disculpe, no puedo consultar eso en este momento. Le comunico con un asesor.',
  sources: (titles) => `${titles.length > 1 ? 'Fuentes' : 'Fuente'}: ${new Intl.ListFormat('es-US').format(titles)}.`,

  agent: 'Con gusto. Le comunico con un asesor ahora mismo.',
  callbackScheduled: (last, time) => `Listo. Le llamaremos al número que termina en ${digits(last)} ${time}.`,
  callbackInvalidNumber: 'Ese número no parece correcto. ¿A qué número le podemos llamar? Incluya el código de área.',
  callbackDeclined: 'De acuerdo, no programaré la llamada. Puede solicitarla cuando guste.',
  timesOfDay: { MO: 'en la mañana', AF: 'en la tarde', EV: 'al anochecer', NI: 'en la noche' },
  hours: 'Nuestro horario es de lunes a viernes, de 8 de la mañana a 8 de la noche, y los sábados, de 9 de la mañana a 5 de la tarde, hora del Este. Los domingos estamos cerrados.',
  goodbye: 'Gracias por comunicarse con nosotros. ¡Que tenga un excelente día! Hasta luego.',
  help: 'Le puedo ayudar con saldos, preguntas sobre nuestros servicios, llamadas de regreso y nuestro horario. ¿Qué desea hacer?',
  error: 'Disculpe, tuvimos un problema de nuestro lado. Le comunico con un asesor.',

  resendWords: ['reenvi', 'otra vez', 'de nuevo', 'nuevo codigo', 'otro codigo', 'enviar otro', 'no me llego', 'no recibi', 'mandeme'],
  digitWords: [['cero'], ['uno', 'una', 'un'], ['dos'], ['tres'], ['cuatro'], ['cinco'], ['seis'], ['siete'], ['ocho'], ['nueve']],
  stopWords: [
    'a', 'al', 'algo', 'como', 'con', 'cual', 'cuales', 'cuando', 'cuanto', 'cuanta', 'de', 'del', 'donde', 'eh', 'el', 'en',
    'es', 'esta', 'este', 'favor', 'gracias', 'hay', 'hola', 'informacion', 'la', 'las', 'le', 'les', 'lo', 'los', 'me', 'mi',
    'mis', 'necesito', 'nos', 'nuestro', 'nuestra', 'o', 'para', 'por', 'pregunta', 'preguntar', 'puedo', 'puede', 'pueden',
    'que', 'quiero', 'quisiera', 'saber', 'se', 'si', 'sobre', 'son', 'su', 'sus', 'te', 'tengo', 'tiene', 'tienen', 'un',
    'una', 'unos', 'unas', 'usted', 'ustedes', 'y', 'yo',
  ],
};
