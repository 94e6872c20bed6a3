/**
 * Loads a project folder (`bots/`, `intents/`, `slot-types/`, `ssml/`) into the typed
 * {@link Project} model, with every problem as a positioned {@link Diagnostic}. Never throws on
 * bad input; throws only when the folder itself cannot be read.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { z } from 'zod';
import type { Diagnostic } from './diagnostics.js';
import {
  DEFAULT_VALIDATION,
  type Bot,
  type BotLocale,
  type Intent,
  type Message,
  type MessageGroup,
  type Project,
  type PlsLexicon,
  type Prompt,
  type Response,
  type Slot,
  type SlotType,
  type SsmlPrompt,
  type Target,
} from './model.js';
import {
  botFileSchema,
  intentFileSchema,
  slotTypeFileSchema,
  type BotFile,
  type IntentFile,
  type MessageFile,
  type MessageGroupFile,
  type PromptFile,
  type ResponseFile,
  type SlotTypeFile,
} from './schema.js';
import { parseYamlSource, type NodePath, type SourceRef, type YamlSource } from './source.js';
import { collectKeys, issuesToDiagnostics } from './zod-errors.js';
import { loadFlows } from '../flows/load.js';

/** The folders of a project, relative to its root. */
export const PROJECT_DIRS = { bots: 'bots', intents: 'intents', slotTypes: 'slot-types', ssml: 'ssml' } as const;

/** The name of the intent every locale has; Lex creates it with id `FALLBCKINT`. */
export const FALLBACK_INTENT = 'FallbackIntent';

const KEYS = {
  bot: collectKeys(botFileSchema),
  intent: collectKeys(intentFileSchema),
  slotType: collectKeys(slotTypeFileSchema),
};

/** Result of {@link loadProject}. */
export interface LoadResult {
  project: Project;
  diagnostics: Diagnostic[];
}

/**
 * Reads and checks every definition file under `root`.
 *
 * @param root - absolute or relative path of the project folder (the one holding `bots/`).
 * @returns the model (with whatever could be loaded) and the loader's diagnostics
 *   (`definitions/*` rule ids; see docs/rules.md).
 * @throws Error only if `root/bots` cannot be listed.
 * @example
 * const { project, diagnostics } = await loadProject('.');
 */
export async function loadProject(root: string): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const project: Project = { root, bots: [], intents: new Map(), slotTypes: new Map(), ssml: new Map(), sources: new Map(), unreadableFiles: new Set() };

  const [botFiles, intentFiles, slotTypeFiles, ssmlFiles] = await Promise.all([
    listFiles(root, PROJECT_DIRS.bots, /\.ya?ml$/, false),
    listFiles(root, PROJECT_DIRS.intents, /\.ya?ml$/, true),
    listFiles(root, PROJECT_DIRS.slotTypes, /\.ya?ml$/, true),
    listFiles(root, PROJECT_DIRS.ssml, /\.ssml$/, true),
  ]);
  if (botFiles === undefined) throw new Error(`No bots/ folder in ${root}: run the command in the project folder or pass --dir.`);

  const read = (rel: string) => readFile(join(root, rel), 'utf8');
  const [botTexts, intentTexts, slotTypeTexts, ssmlTexts] = await Promise.all(
    [botFiles, intentFiles ?? [], slotTypeFiles ?? [], ssmlFiles ?? []].map((files) => Promise.all(files.map(read))),
  );

  // SSML prompts: kept as text; well-formedness is a validation rule.
  (ssmlFiles ?? []).forEach((file, i) => {
    const { locale, base } = splitLocaleFile(file, '.ssml');
    if (!checkLocaleFolder(locale, file, diagnostics)) return;
    const prompt: SsmlPrompt = { id: base, localeId: locale, file, text: ssmlTexts![i]! };
    mapIn(project.ssml, locale).set(base, prompt);
  });

  // Polly lexicons ssml/lexicons/*.pls: kept as text; the PLS format is a validation rule.
  const lexiconFiles = (await listFiles(root, `${PROJECT_DIRS.ssml}/lexicons`, /\.pls$/, false)) ?? [];
  if (lexiconFiles.length) {
    const texts = await Promise.all(lexiconFiles.map(read));
    project.lexicons = new Map(
      lexiconFiles.map((file, i): [string, PlsLexicon] => {
        const name = posix.basename(file).replace(/\.pls$/, '');
        const languageCode = /<lexicon\b[^>]*\sxml:lang\s*=\s*["']([^"']*)["']/.exec(texts[i]!)?.[1];
        return [name, { name, file, text: texts[i]!, ...(languageCode ? { languageCode } : {}) }];
      }),
    );
  }

  const ctx = { project, diagnostics };
  loadPerLocale(ctx, slotTypeFiles ?? [], slotTypeTexts!, slotTypeFileSchema, KEYS.slotType, toSlotType, project.slotTypes, 'slot type');
  loadPerLocale(ctx, intentFiles ?? [], intentTexts!, intentFileSchema, KEYS.intent, toIntent, project.intents, 'intent');

  botFiles.forEach((file, i) => {
    const base = posix.basename(file).replace(/\.ya?ml$/, '');
    const parsed = parseFile(file, botTexts![i]!, botFileSchema, KEYS.bot, project, diagnostics);
    if (!parsed) return;
    checkFileName(parsed.data.name, base, file, parsed.source, diagnostics);
    project.bots.push(toBot(parsed.data, file, project, parsed.source, diagnostics));
  });

  // Contact flows (JSON, read with the same parser for positions) and the Connect resources they name.
  const flows = await loadFlows(root, project.sources, diagnostics);
  if (flows.flows.length || flows.instance) project.flows = flows;

  return { project, diagnostics };
}

// ---------------------------------------------------------------------------------------------

async function listFiles(root: string, dir: string, pattern: RegExp, perLocale: boolean): Promise<string[] | undefined> {
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return undefined;
  }
  const out: string[] = [];
  if (!perLocale) {
    for (const e of entries) if (e.isFile() && pattern.test(e.name)) out.push(posix.join(dir, e.name));
  } else {
    const nested = await Promise.all(
      entries
        .filter((e) => e.isDirectory())
        .map(async (d) => {
          const files = await readdir(join(root, dir, d.name), { withFileTypes: true });
          return files.filter((f) => f.isFile() && pattern.test(f.name)).map((f) => posix.join(dir, d.name, f.name));
        }),
    );
    for (const list of nested) out.push(...list);
  }
  return out.sort();
}

function splitLocaleFile(file: string, ext: string | RegExp): { locale: string; base: string } {
  const parts = file.split('/');
  return { locale: parts[parts.length - 2]!, base: parts[parts.length - 1]!.replace(ext, '') };
}

function checkLocaleFolder(locale: string, file: string, diagnostics: Diagnostic[]): boolean {
  if (/^[a-z]{2,3}_[A-Z0-9]{2,3}$/.test(locale)) return true;
  diagnostics.push({
    ruleId: 'definitions/layout',
    severity: 'error',
    message: `"${locale}" is not a Lex locale id, so ${file} belongs to no locale.`,
    hint: 'Put the file in a folder named after its Lex locale id, such as en_US, es_US or fr_CA.',
    file,
    line: 1,
    column: 1,
  });
  return false;
}

function parseFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  knownKeys: string[],
  project: Project,
  diagnostics: Diagnostic[],
): { data: z.output<S>; source: YamlSource } | undefined {
  const { source, diagnostics: yamlDiagnostics } = parseYamlSource(file, text);
  project.sources.set(file, source);
  diagnostics.push(...yamlDiagnostics);
  if (yamlDiagnostics.some((d) => d.severity === 'error')) return undefined;
  let value: unknown;
  try {
    value = source.toJS();
  } catch (err) {
    // Unresolved aliases and alias expansion bombs are only detected when converting.
    diagnostics.push({
      ruleId: 'definitions/yaml',
      severity: 'error',
      message: `YAML: ${err instanceof Error ? err.message : String(err)}`,
      hint: 'Define each &anchor before its *alias, or remove the alias; aliases may expand at most 100 times.',
      file,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  if (value === null || value === undefined) {
    diagnostics.push({ ruleId: 'definitions/schema', severity: 'error', message: 'The file is empty.', hint: 'See docs/definitions.md for the format.', file, line: 1, column: 1 });
    return undefined;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(result.error.issues, source, knownKeys));
    return undefined;
  }
  return { data: result.data, source };
}

/** Parses per-locale YAML files (intents, slot types) into `target[locale][name]`. */
function loadPerLocale<S extends z.ZodType<{ name: string }>, T extends { name: string; file: string }>(
  ctx: { project: Project; diagnostics: Diagnostic[] },
  files: string[],
  texts: string[],
  schema: S,
  knownKeys: string[],
  convert: (data: z.output<S>, locale: string, file: string) => T,
  target: Map<string, Map<string, T>>,
  kind: string,
): void {
  files.forEach((file, i) => {
    const { locale, base } = splitLocaleFile(file, /\.ya?ml$/);
    if (!checkLocaleFolder(locale, file, ctx.diagnostics)) return;
    const parsed = parseFile(file, texts[i]!, schema, knownKeys, ctx.project, ctx.diagnostics);
    if (!parsed) {
      ctx.project.unreadableFiles?.add(file);
      return;
    }
    checkFileName(parsed.data.name, base, file, parsed.source, ctx.diagnostics);
    const item = convert(parsed.data, locale, file);
    const byName = mapIn(target, locale);
    const first = byName.get(item.name);
    if (first) duplicateDefinition(kind, item.name, file, first.file, parsed.source, ctx.diagnostics);
    else byName.set(item.name, item);
  });
}

function checkFileName(name: string, base: string, file: string, source: YamlSource, diagnostics: Diagnostic[]): void {
  if (name === base) return;
  diagnostics.push({
    ruleId: 'definitions/file-name',
    severity: 'error',
    message: `name "${name}" does not match the file name "${base}".`,
    hint: `Rename the file to ${name}${posix.extname(file)} or set name: ${base}.`,
    ...source.positionOf(['name']),
  });
}

function duplicateDefinition(kind: string, name: string, file: string, first: string, source: YamlSource, diagnostics: Diagnostic[]): void {
  diagnostics.push({
    ruleId: 'definitions/duplicate-definition',
    severity: 'error',
    message: `${kind} "${name}" is defined twice (also in ${first}).`,
    hint: 'Keep one file per name: delete or rename one of them.',
    ...source.positionOf(['name']),
  });
}

function mapIn<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}

const ref = (file: string, path: NodePath): SourceRef => ({ file, path });

/** Whether `dir/locale/name.yaml` (or `.yml`) exists but could not be loaded, so its own diagnostics already speak for it. */
function isUnreadable(project: Project, dir: string, localeId: string, name: string): boolean {
  const files = project.unreadableFiles;
  return Boolean(files && (files.has(`${dir}/${localeId}/${name}.yaml`) || files.has(`${dir}/${localeId}/${name}.yml`)));
}

// ---------------------------------------------------------------------------------------------
// Conversion: file shapes -> model

function toMessage(m: MessageFile, at: SourceRef): Message {
  if (typeof m === 'string') return { kind: 'text', text: m, at };
  if ('ssml' in m) return { kind: 'ssml', id: m.ssml, ...(m.text !== undefined ? { text: m.text } : {}), at };
  if ('ssmlInline' in m) return { kind: 'ssmlInline', ssml: m.ssmlInline, ...(m.text !== undefined ? { text: m.text } : {}), at };
  if ('customPayload' in m) return { kind: 'customPayload', value: m.customPayload, at };
  if ('text' in m) return { kind: 'text', text: m.text, at };
  return { kind: 'card', card: m.card, at };
}

function toGroup(g: MessageGroupFile, at: SourceRef): MessageGroup {
  if (typeof g === 'object' && 'message' in g) {
    return {
      message: toMessage(g.message, ref(at.file, [...at.path, 'message'])),
      variations: (g.variations ?? []).map((v, i) => toMessage(v, ref(at.file, [...at.path, 'variations', i]))),
    };
  }
  return { message: toMessage(g, at), variations: [] };
}

function toGroups(r: ResponseFile | PromptFile, at: SourceRef): { groups: MessageGroup[]; rest: Record<string, unknown> } {
  if (Array.isArray(r)) return { groups: r.map((g, i) => toGroup(g, ref(at.file, [...at.path, i]))), rest: {} };
  if (typeof r === 'object' && 'messages' in r) {
    const { messages, ...rest } = r;
    return { groups: messages.map((g, i) => toGroup(g, ref(at.file, [...at.path, 'messages', i]))), rest };
  }
  return { groups: [toGroup(r, at)], rest: {} };
}

function toResponse(r: ResponseFile, at: SourceRef): Response {
  const { groups, rest } = toGroups(r, at);
  return { groups, allowInterrupt: rest.allowInterrupt as boolean | undefined, at };
}

function toPrompt(p: PromptFile, at: SourceRef): Prompt {
  const { groups, rest } = toGroups(p, at);
  return {
    groups,
    allowInterrupt: rest.allowInterrupt as boolean | undefined,
    maxRetries: rest.maxRetries as number | undefined,
    messageSelectionStrategy: rest.messageSelectionStrategy as Prompt['messageSelectionStrategy'],
    allowedInputTypes: rest.allowedInputTypes as Prompt['allowedInputTypes'],
    audioAndDtmfInputSpecification: rest.audioAndDtmfInputSpecification as Prompt['audioAndDtmfInputSpecification'],
    at,
  };
}

/** Converts a parsed intent file into the model (exported for `lex/import`, which checks what it writes). */
export function toIntent(d: IntentFile, localeId: string, file: string): Intent {
  const intent: Intent = {
    name: d.name,
    localeId,
    file,
    description: d.description,
    builtIn: d.builtIn,
    sampleUtterances: (d.sampleUtterances ?? []).map((text, i) => ({ text, at: ref(file, ['sampleUtterances', i]) })),
    slots: (d.slots ?? []).map(
      (s, i): Slot => ({
        name: s.name,
        type: s.type,
        description: s.description,
        required: s.required,
        prompt: s.prompt === undefined ? undefined : toPrompt(s.prompt, ref(file, ['slots', i, 'prompt'])),
        priority: s.priority ?? i + 1,
        obfuscate: s.obfuscate,
        allowMultipleValues: s.allowMultipleValues,
        sampleUtterances: (s.sampleUtterances ?? []).map((text, j) => ({ text, at: ref(file, ['slots', i, 'sampleUtterances', j]) })),
        defaultValues: s.defaultValues,
        codeHook: s.codeHook,
        ...(s.elicitationCodeHook ? { elicitationCodeHook: s.elicitationCodeHook === true ? {} : { label: s.elicitationCodeHook.label } } : {}),
        ...(s.failureNextStep ? { failureNextStep: s.failureNextStep } : {}),
        lex: s.lex,
        at: ref(file, ['slots', i]),
      }),
    ),
    dialogCodeHook: d.dialogCodeHook,
    qnA: d.qnA,
    inputContexts: d.inputContexts,
    outputContexts: d.outputContexts,
    lex: d.lex,
    ...(d.review ? { review: d.review } : {}),
    at: ref(file, []),
  };
  if (d.confirmation) {
    intent.confirmation = {
      prompt: toPrompt(d.confirmation.prompt, ref(file, ['confirmation', 'prompt'])),
      declination: d.confirmation.declination === undefined ? undefined : toResponse(d.confirmation.declination, ref(file, ['confirmation', 'declination'])),
    };
  }
  if (d.closing) intent.closing = toResponse(d.closing, ref(file, ['closing']));
  if (d.fulfillment) {
    const f = d.fulfillment;
    const fr = (k: 'success' | 'failure' | 'timeout') => (f[k] ? toResponse(f[k]!, ref(file, ['fulfillment', k])) : undefined);
    intent.fulfillment = { enabled: f.enabled, success: fr('success'), failure: fr('failure'), timeout: fr('timeout') };
    if (f.updates) {
      const u = f.updates;
      intent.fulfillment.updates = {
        timeoutSeconds: u.timeoutSeconds,
        start: u.start && { delaySeconds: u.start.delaySeconds, response: toResponse(u.start.messages, ref(file, ['fulfillment', 'updates', 'start', 'messages'])) },
        update: u.update && {
          frequencySeconds: u.update.frequencySeconds,
          response: toResponse(u.update.messages, ref(file, ['fulfillment', 'updates', 'update', 'messages'])),
        },
      };
    }
  }
  return intent;
}

/** Converts a parsed slot type file into the model (exported for `lex/import`). */
export function toSlotType(d: SlotTypeFile, localeId: string, file: string): SlotType {
  return {
    name: d.name,
    localeId,
    file,
    description: d.description,
    resolution: d.resolution,
    parent: d.parent,
    regex: d.regex,
    values: (d.values ?? []).map((v, i) =>
      typeof v === 'string'
        ? { value: v, synonyms: [], at: ref(file, ['values', i]) }
        : { value: v.value, synonyms: v.synonyms ?? [], at: ref(file, ['values', i]) },
    ),
    lex: d.lex,
    ...(d.review ? { review: d.review } : {}),
    at: ref(file, []),
  };
}

/** The FallbackIntent Lex creates in every locale, used when a locale does not define one. */
export function implicitFallbackIntent(localeId: string, at: SourceRef): Intent {
  return {
    name: FALLBACK_INTENT,
    localeId,
    file: at.file,
    description: 'Default intent when no other intent matches',
    builtIn: 'AMAZON.FallbackIntent',
    sampleUtterances: [],
    slots: [],
    at,
    implicit: true,
  };
}

/** Converts a parsed bot file into the model, resolving intents and slot types from `project` (exported for `lex/import`). */
export function toBot(d: BotFile, file: string, project: Project, source: YamlSource, diagnostics: Diagnostic[]): Bot {
  const locales: BotLocale[] = Object.entries(d.locales).map(([localeId, l]) => {
    const at = ref(file, ['locales', localeId]);
    const available = project.intents.get(localeId) ?? new Map<string, Intent>();
    const intents: Intent[] = [];
    const unreadableIntents: string[] = [];
    l.intents.forEach((name, i) => {
      const intent = available.get(name);
      if (intent) intents.push(intent);
      else if (isUnreadable(project, PROJECT_DIRS.intents, localeId, name)) unreadableIntents.push(name);
      else {
        diagnostics.push({
          ruleId: 'definitions/missing-intent',
          severity: 'error',
          message: `Locale ${localeId} lists intent "${name}" but intents/${localeId}/${name}.yaml does not exist.`,
          hint: `Create intents/${localeId}/${name}.yaml or remove "${name}" from the list.`,
          ...source.positionOf(['locales', localeId, 'intents', i]),
        });
      }
    });
    if (!intents.some((x) => x.name === FALLBACK_INTENT)) {
      intents.push(available.get(FALLBACK_INTENT) ?? implicitFallbackIntent(localeId, ref(file, ['locales', localeId, 'intents'])));
    }
    const slotTypes: SlotType[] = [];
    const seen = new Set<string>();
    const availableTypes = project.slotTypes.get(localeId) ?? new Map<string, SlotType>();
    for (const intent of intents) {
      for (const slot of intent.slots) {
        if (slot.type.startsWith('AMAZON.') || seen.has(slot.type)) continue;
        seen.add(slot.type);
        const st = availableTypes.get(slot.type);
        if (st) slotTypes.push(st);
        else if (!isUnreadable(project, PROJECT_DIRS.slotTypes, localeId, slot.type)) {
          const pos = project.sources.get(intent.file)?.positionOf([...slot.at.path, 'type']);
          diagnostics.push({
            ruleId: 'definitions/missing-slot-type',
            severity: 'error',
            message: `Slot "${slot.name}" has type "${slot.type}", which is neither built in (AMAZON.*) nor defined in slot-types/${localeId}/.`,
            hint: `Create slot-types/${localeId}/${slot.type}.yaml or use a built-in slot type such as AMAZON.Number.`,
            ...(pos ?? { file: intent.file, line: 1, column: 1 }),
          });
        }
      }
    }
    return {
      localeId,
      displayName: l.displayName,
      description: l.description,
      voice: l.voice && { id: l.voice.id, engine: l.voice.engine ?? 'standard' },
      nluConfidenceThreshold: l.nluConfidenceThreshold ?? d.nluConfidenceThreshold,
      intents,
      slotTypes,
      missingIntents: l.missingIntents ?? {},
      ...(unreadableIntents.length ? { unreadableIntents } : {}),
      customVocabulary: l.customVocabulary,
      lex: l.lex,
      at,
    };
  });
  const targets: Target[] = Object.entries(d.targets ?? {}).map(([region, t]) => ({
    region,
    alias: t.alias ?? 'live',
    codeHookLambdaArn: t.codeHookLambdaArn,
    connectInstanceId: t.connectInstanceId,
    knowledgeBase: t.knowledgeBase,
    conversationLogGroup: t.conversationLogGroup,
    sentimentAnalysis: t.sentimentAnalysis,
    roleArn: t.roleArn,
    at: ref(file, ['targets', region]),
  }));
  return {
    name: d.name,
    file,
    description: d.description,
    idleSessionTTLInSeconds: d.idleSessionTTLInSeconds,
    childDirected: d.childDirected,
    nluConfidenceThreshold: d.nluConfidenceThreshold,
    locales,
    targets,
    tags: d.tags ?? {},
    validation: { ...DEFAULT_VALIDATION, ...stripUndefined(d.validation ?? {}) },
    lex: d.lex,
    at: ref(file, []),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
