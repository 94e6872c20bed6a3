/**
 * Slot rules: `{Slot}` references resolve, every slot is used, required slots have a prompt, a
 * slot's elicitation code hook has the intent's dialog code hook to call, and multi-valued slots are
 * in en_US.
 * @module
 */
import { intentMessages, messageText } from '../../definitions/walk.js';
import type { RuleFamily } from '../rule.js';

const SLOTS_DOC = 'https://docs.aws.amazon.com/lexv2/latest/dg/add-slots.html';
const REF = /\{([^{}]*)\}/g;

/** Slot rules. */
export const slotRules: RuleFamily = {
  rules: [
    { id: 'slots/undefined-reference', severity: 'error', description: 'Every {Slot} reference in a sample utterance or prompt names a slot of that intent.', source: SLOTS_DOC },
    { id: 'slots/unused', severity: 'warning', description: 'Every slot is referenced as {Slot} by a sample utterance (of the intent or the slot) or a prompt of its intent.', source: SLOTS_DOC },
    {
      id: 'slots/elicitation-code-hook-without-dialog-code-hook',
      severity: 'warning',
      description:
        "A slot's elicitation code hook (elicitationCodeHook, failureNextStep: InvokeDialogCodeHook) needs dialogCodeHook: true on its intent: the elicitation code hook is the intent's dialog code hook called between retries, so without it Lex ignores the setting and the Lambda never hears the input.",
      source: 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ElicitationCodeHookInvocationSetting.html',
    },
    {
      id: 'slots/multiple-values-locale',
      severity: 'error',
      description: 'A multi-valued slot (allowMultipleValues: true) is in the en_US locale: Lex refuses it in any other locale with a ValidationException.',
      source: 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_MultipleValuesSetting.html',
    },
    { id: 'slots/missing-prompt', severity: 'error', description: 'A required slot has an elicitation prompt (Lex refuses a required slot without one).', source: 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotValueElicitationSetting.html' },
  ],

  checkProject(ctx) {
    for (const byName of ctx.project.intents.values()) {
      for (const intent of byName.values()) {
        const names = new Set(intent.slots.map((s) => s.name));
        const used = new Set<string>();
        const ssmlText = (id: string) => ctx.project.ssml.get(intent.localeId)?.get(id)?.text;
        const check = (text: string, at: Parameters<typeof ctx.report>[1], where: string) => {
          for (const m of text.matchAll(REF)) {
            const name = m[1]!.trim();
            if (names.has(name)) used.add(name);
            else {
              const known = [...names];
              ctx.report('slots/undefined-reference', at,
                `${where} references {${name}}, which is not a slot of ${intent.name}.`,
                known.length ? `Use one of ${known.map((n) => `{${n}}`).join(', ')}, or add a slot named ${name}.` : `Add a slot named ${name} to ${intent.name}, or remove the braces.`);
            }
          }
        };
        intent.sampleUtterances.forEach((u, i) => check(u.text, u.at, `Sample utterance ${i + 1}`));
        for (const slot of intent.slots) slot.sampleUtterances.forEach((u) => check(u.text, u.at, `Slot ${slot.name}'s sample utterance`));
        for (const { message, where } of intentMessages(intent)) {
          const text = messageText(message, ssmlText);
          if (text) check(text, message.at, `The ${where}`);
        }
        for (const slot of intent.slots) {
          if (slot.required && !slot.prompt && !slot.lex?.valueElicitationSetting) {
            ctx.report('slots/missing-prompt', slot.at, `Required slot ${slot.name} of ${intent.name} has no prompt.`, 'Add prompt: with the question Lex asks for the value, or set required: false.');
          }
          if (slot.allowMultipleValues === true && intent.localeId !== 'en_US') {
            ctx.report('slots/multiple-values-locale', slot.at,
              `Slot ${slot.name} of ${intent.name} allows multiple values in ${intent.localeId}; Lex offers multi-valued slots in en_US only.`,
              `Remove allowMultipleValues from the ${intent.localeId} slot (ask for one value at a time), or keep it only in en_US.`);
          }
          const wantsHook = [slot.elicitationCodeHook ? 'elicitationCodeHook' : '', slot.failureNextStep === 'InvokeDialogCodeHook' ? 'failureNextStep: InvokeDialogCodeHook' : ''].filter(Boolean);
          if (wantsHook.length && intent.dialogCodeHook !== true) {
            ctx.report('slots/elicitation-code-hook-without-dialog-code-hook', slot.at,
              `Slot ${slot.name} of ${intent.name} sets ${wantsHook.join(' and ')}, but ${intent.name} has no dialog code hook: Lex ignores it.`,
              `Add dialogCodeHook: true to ${intent.name}, or remove ${wantsHook.join(' and ')} from the slot.`);
          }
          if (!used.has(slot.name)) {
            ctx.report('slots/unused', slot.at, `Slot ${slot.name} of ${intent.name} is not referenced by any sample utterance or prompt.`, `Add an utterance with {${slot.name}}, or remove the slot.`);
          }
        }
      }
    }
  },
};
