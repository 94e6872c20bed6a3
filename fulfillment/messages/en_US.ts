import { digits, type Messages } from './types.js';

/** English (United States). */
export const en_US: Messages = {
  bcp47: 'en-US',
  phoneCountry: 'US',
  accountNames: { checking: 'checking account', savings: 'savings account', 'credit card': 'credit card' },
  accountWithArticle: { checking: 'a checking account', savings: 'a savings account', 'credit card': 'a credit card' },

  smsCode: (code) => `Your verification code is ${code}. It expires in 5 minutes. We will never ask you for this code on a call.`,
  askIdentifier: "First I need to confirm it's you. What's the phone number or account number on your profile?",
  identifierNotUnderstood: "Sorry, I didn't get that. Please enter the phone number with area code, or your account number.",
  codeSentIfKnown: "Thanks. If that's on file with us, we've texted a 6-digit code to the phone number on your profile. Please enter it here.",
  codeSentToNumber: (last) => `To confirm it's you, I've texted a 6-digit code to the phone number ending in ${digits(last)}. Please say or enter it.`,
  codeResent: "I've sent a new code. It's good for 5 minutes.",
  codeFormat: 'The code has 6 digits. Please say or enter it.',
  codeWrong: (n) => `That code didn't match. You have ${n} ${n === 1 ? 'try' : 'tries'} left.`,
  codeExpiredResent: "That code has expired, so I've sent you a new one. Please enter it.",
  lockedOut: "For your security, I can't verify you right now. Let me connect you with an agent.",
  sendLimit: "We've already sent several codes. For your security, let me connect you with an agent.",
  tooManyIdentifiers: "I couldn't find your profile. Let me connect you with an agent who can help.",
  verified: (name) => (name ? `Thanks, ${name}, you're verified.` : "Thanks, you're verified."),
  alreadyVerified: "You're already verified.",
  verificationUnavailable: "Sorry, I can't verify your identity right now. Let me connect you with an agent.",

  balance: (account, amount) => `Your ${account} balance is ${amount}.`,
  creditBalance: (amount) => `Your credit card balance is ${amount}.`,
  noSuchAccount: (account, available) => `I don't see a ${account} on your profile. You have ${available}. Which one would you like?`,
  noAccounts: "I don't see any accounts on your profile. Let me connect you with an agent.",
  whichAccount: 'Which account would you like the balance for: checking, savings, or credit card?',
  whatNext: 'What can I help you with?',

  askQuestion: 'Sure, what would you like to know?',
  noAnswer: "I couldn't find an answer to that. You can ask another way, or say agent to talk to someone.",
  noAnswerTransfer: "I still can't find that. Let me connect you with an agent who can help.",
  knowledgeUnavailable: "Sorry, I can't look that up right now. Let me connect you with an agent.",
  sources: (titles) => `${titles.length > 1 ? 'Sources' : 'Source'}: ${new Intl.ListFormat('en-US').format(titles)}.`,

  agent: "Of course. I'm connecting you with an agent now.",
  callbackScheduled: (last, time) => `You're all set. We'll call you at the number ending in ${digits(last)} ${time}.`,
  callbackInvalidNumber: "That number doesn't look right. What's the best number to reach you, including the area code?",
  callbackDeclined: "Okay, I won't schedule that callback. You can ask for one anytime.",
  timesOfDay: { MO: 'in the morning', AF: 'in the afternoon', EV: 'in the evening', NI: 'tonight' },
  hours: "We're open Monday to Friday, 8 AM to 8 PM Eastern, and Saturday, 9 AM to 5 PM Eastern. We're closed on Sundays.",
  goodbye: 'Thanks for reaching out to us. Have a great day. Goodbye!',
  help: 'I can help with balances, questions about our services, callbacks, and our hours. What would you like to do?',
  error: "Sorry, something went wrong on my side. Let me connect you with an agent.",

  resendWords: ['resend', 'send again', 'send it again', 'new code', 'another code', 'send me a code', "didn't get", 'didnt get', 'did not get'],
  digitWords: [['zero', 'oh'], ['one'], ['two'], ['three'], ['four'], ['five'], ['six'], ['seven'], ['eight'], ['nine']],
  stopWords: [
    'a', 'about', 'am', 'an', 'and', 'any', 'are', 'ask', 'at', 'be', 'can', 'could', 'did', 'do', 'does', 'for', 'from', 'get',
    'had', 'has', 'have', 'hello', 'hi', 'how', 'i', 'if', 'in', 'information', 'is', 'it', 'its', 'just', 'know', 'like', 'me',
    'my', 'need', 'of', 'on', 'or', 'our', 'please', 'question', 's', 'should', 'so', 'some', 'something', 'tell', 'thank',
    'thanks', 'that', 'the', 'there', 'this', 'to', 'uh', 'um', 'us', 'want', 'we', 'what', 'whats', 'when', 'where', 'which',
    'who', 'why', 'will', 'with', 'would', 'you', 'your',
  ],
};
