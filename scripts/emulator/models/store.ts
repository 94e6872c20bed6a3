/**
 * The emulator's model-building store: bots, versions, locales, intents, slots, slot types,
 * aliases, tags and resource policies, plus the utterance records behind the analytics APIs.
 *
 * Persistence (when a data directory is given): `models.json` holds the whole state and is
 * replaced atomically (write a temp file, rename) after every mutating request; `utterances.jsonl`
 * gets one line per recorded turn. Before each request the store re-reads whichever file another
 * process changed (inode, mtime and size), so `bots local serve`, a deploy and a chat in separate
 * processes see the same bots. There is no lock: two processes mutating at the same instant can
 * lose one write, which a single developer machine does not do in practice.
 *
 * @module
 */
import { randomInt } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuiltLocale, ResolvedAlias, RuntimeStore, UtteranceRecord } from '../contracts.js';
import { notFound, validation } from '../errors.js';
import { describeIntent, describeSlot, describeSlotType } from './shapes.js';
import type { AliasRecord, BotRecord, LocaleRecord, ModelState, VersionRecord } from './types.js';

/** The account id in every ARN the emulator makes. */
export const ACCOUNT_ID = '000000000000';

/** The alias every bot has, always on DRAFT. */
export const TEST_ALIAS = { id: 'TSTALIASID', name: 'TestBotAlias' } as const;

/** The id Lex gives every locale's FallbackIntent. */
export const FALLBACK_INTENT_ID = 'FALLBCKINT';

/** The version that can be edited. */
export const DRAFT = 'DRAFT';

/** Default data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.bots/local';

/** Options of {@link ModelStore}. */
export interface ModelStoreOptions {
  /** Folder for `models.json` and `utterances.jsonl`; `null` keeps everything in memory. Default `.bots/local`. */
  dataDir?: string | null;
  /** Clock for timestamps and analytics windows, in ms since the epoch (tests); default Date.now. */
  now?: () => number;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const emptyState = (): ModelState => ({ format: 1, bots: {}, tags: {}, policies: {} });

/** The store. One per emulator; implements what the runtime reads ({@link RuntimeStore}). */
export class ModelStore implements RuntimeStore {
  /** Absolute data directory, or null in memory. */
  readonly dataDir: string | null;
  readonly now: () => number;
  state: ModelState = emptyState();
  private utterances: UtteranceRecord[] = [];
  private dirty = false;
  private modelsStamp = '';
  private analyticsIno = -1;
  private analyticsOffset = 0;
  private builtCache = new Map<string, BuiltLocale>();

  constructor(opts: ModelStoreOptions = {}) {
    this.dataDir = opts.dataDir === null ? null : resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
    this.now = opts.now ?? Date.now;
    if (this.dataDir) mkdirSync(this.dataDir, { recursive: true });
    this.sync();
  }

  private get modelsFile(): string | undefined {
    return this.dataDir ? join(this.dataDir, 'models.json') : undefined;
  }

  private get analyticsFile(): string | undefined {
    return this.dataDir ? join(this.dataDir, 'utterances.jsonl') : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Persistence

  /**
   * Brings the store up to date: re-reads files another process changed and finishes builds whose
   * time has come (writing the result). Called before every request.
   */
  sync(): void {
    if (this.dataDir) {
      this.reloadModels();
      this.reloadAnalytics();
    }
    if (this.finishBuilds()) this.flush();
  }

  /** Marks the state changed; {@link flush} writes it. */
  touch(): void {
    this.dirty = true;
  }

  /** Writes `models.json` if the state changed (temp file + rename, so readers never see half a file). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const file = this.modelsFile;
    if (!file) return;
    const tmp = `${file}.${process.pid}.${randomInt(1e9)}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, file);
    this.modelsStamp = stamp(file);
  }

  private reloadModels(): void {
    const file = this.modelsFile!;
    const s = stamp(file);
    if (s === this.modelsStamp) return;
    this.modelsStamp = s;
    this.builtCache.clear();
    if (!s) {
      this.state = emptyState();
      return;
    }
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as ModelState;
      if (parsed.format !== 1) throw new Error(`unknown format ${String(parsed.format)}`);
      this.state = parsed;
    } catch (err) {
      throw new Error(`${file} is not an emulator state file (${err instanceof Error ? err.message : String(err)}); run \`bots local reset\`.`);
    }
  }

  private reloadAnalytics(): void {
    let size: number;
    let ino: number;
    try {
      ({ size, ino } = statSync(this.analyticsFile!));
    } catch {
      this.utterances = [];
      this.analyticsOffset = 0;
      this.analyticsIno = -1;
      return;
    }
    if (ino !== this.analyticsIno || size < this.analyticsOffset) {
      // Replaced or truncated (bots local reset): read it all again.
      this.utterances = [];
      this.analyticsOffset = 0;
      this.analyticsIno = ino;
    }
    if (size === this.analyticsOffset) return;
    // Read only what was appended; stop at the last full line (another process may be mid-write).
    const fd = openSync(this.analyticsFile!, 'r');
    try {
      const buf = Buffer.alloc(size - this.analyticsOffset);
      readSync(fd, buf, 0, buf.length, this.analyticsOffset);
      const end = buf.lastIndexOf(0x0a);
      if (end < 0) return;
      for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
        if (line.trim()) this.utterances.push(JSON.parse(line) as UtteranceRecord);
      }
      this.analyticsOffset += end + 1;
    } finally {
      closeSync(fd);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Builds

  /**
   * Completes accepted builds whose delay has passed; true when any state changed. Build delays run
   * on the wall clock (SDK waiters poll in real time), even when `now` is a test clock.
   */
  private finishBuilds(): boolean {
    const wall = Date.now();
    let changed = false;
    for (const bot of Object.values(this.state.bots)) {
      const draft = bot.versions[DRAFT];
      if (!draft) continue;
      for (const locale of Object.values(draft.locales)) {
        const pending = locale.pendingBuild;
        if (!pending || pending.completesAt > wall) continue;
        delete locale.pendingBuild;
        if (pending.snapshot) {
          locale.botLocaleStatus = 'Built';
          locale.built = pending.snapshot;
          delete locale.failureReasons;
          locale.history.push({ event: 'Built', eventDate: this.now() });
        } else {
          locale.botLocaleStatus = 'Failed';
          locale.failureReasons = pending.failureReasons ?? ['The build failed.'];
          locale.history.push({ event: 'Failed', eventDate: this.now() });
        }
        changed = true;
      }
    }
    if (changed) this.touch();
    return changed;
  }

  // -------------------------------------------------------------------------------------------
  // Lookups (throwing Lex errors)

  /** A new 10-character id (upper-case letters and digits, at least one letter) that `taken` rejects nowhere. */
  newId(taken: (id: string) => boolean = () => false): string {
    for (;;) {
      let id = '';
      for (let i = 0; i < 10; i++) id += ID_CHARS[randomInt(ID_CHARS.length)];
      // An all-digit id would sort first as an object key and break creation order.
      if (/[A-Z]/.test(id) && !taken(id)) return id;
    }
  }

  /** The bot, in `region` when given (ids are per region in Lex). */
  bot(botId: string, region?: string): BotRecord {
    const bot = this.state.bots[botId];
    if (!bot || (region !== undefined && bot.region !== region)) throw notFound(`Could not find bot with ID: ${botId}`);
    return bot;
  }

  /** A version of the bot. */
  version(bot: BotRecord, botVersion: string): VersionRecord {
    const v = bot.versions[botVersion];
    if (!v) throw notFound(`Could not find version ${botVersion} of bot ${bot.botId}`);
    return v;
  }

  /** A locale of a version. */
  locale(bot: BotRecord, botVersion: string, localeId: string): LocaleRecord {
    const l = this.version(bot, botVersion).locales[localeId];
    if (!l) throw notFound(`Could not find locale ${localeId} in version ${botVersion} of bot ${bot.botId}`);
    return l;
  }

  /** A locale that may be changed: only DRAFT can be. */
  draftLocale(bot: BotRecord, botVersion: string, localeId: string): LocaleRecord {
    requireDraft(botVersion);
    return this.locale(bot, botVersion, localeId);
  }

  /** Records a change to a DRAFT locale: a built locale has unbuilt changes again. */
  changed(locale: LocaleRecord): void {
    locale.lastUpdatedDateTime = this.now();
    if (locale.botLocaleStatus === 'Built' || locale.botLocaleStatus === 'Failed') locale.botLocaleStatus = 'NotBuilt';
    this.touch();
  }

  /** `arn:aws:lex:<region>:000000000000:bot/<id>`. */
  botArn(bot: BotRecord): string {
    return `arn:aws:lex:${bot.region}:${ACCOUNT_ID}:bot/${bot.botId}`;
  }

  /** `arn:aws:lex:<region>:000000000000:bot-alias/<botId>/<aliasId>`. */
  aliasArn(bot: BotRecord, aliasId: string): string {
    return `arn:aws:lex:${bot.region}:${ACCOUNT_ID}:bot-alias/${bot.botId}/${aliasId}`;
  }

  /** The bot (and alias) an ARN names; throws ResourceNotFoundException when there is none. */
  resourceOfArn(arn: string): { bot: BotRecord; alias?: AliasRecord } {
    const m = /^arn:aws[a-z-]*:lex:([a-z0-9-]+):(\d{12}):(bot|bot-alias)\/([0-9a-zA-Z]{10})(?:\/([0-9a-zA-Z]{10}))?$/.exec(arn);
    if (!m) throw validation(`1 validation error detected: Value '${arn}' at 'resourceARN' failed to satisfy constraint: Member must be a Lex bot or bot alias ARN`);
    const [, region, account, kind, botId, aliasId] = m;
    const bot = this.state.bots[botId!];
    const missing = () => notFound(`Could not find resource: ${arn}`);
    if (!bot || bot.region !== region || account !== ACCOUNT_ID) throw missing();
    if (kind === 'bot') {
      if (aliasId) throw missing();
      return { bot };
    }
    const alias = aliasId ? bot.aliases[aliasId] : undefined;
    if (!alias) throw missing();
    return { bot, alias };
  }

  /** Drops tags and policies of ARNs that start with `prefix` (a deleted bot or alias). */
  forgetArns(prefix: string): void {
    for (const arn of Object.keys(this.state.tags)) if (arn === prefix || arn.startsWith(`${prefix}/`)) delete this.state.tags[arn];
    for (const arn of Object.keys(this.state.policies)) if (arn === prefix || arn.startsWith(`${prefix}/`)) delete this.state.policies[arn];
  }

  // -------------------------------------------------------------------------------------------
  // Analytics

  /** Every recorded turn, oldest first. */
  utteranceRecords(): readonly UtteranceRecord[] {
    return this.utterances;
  }

  // -------------------------------------------------------------------------------------------
  // RuntimeStore

  /** {@inheritDoc RuntimeStore.resolveAlias} */
  resolveAlias(botId: string, botAliasId: string): ResolvedAlias | undefined {
    this.sync();
    const alias = this.state.bots[botId]?.aliases[botAliasId];
    if (!alias) return undefined;
    return {
      botAliasId: alias.botAliasId,
      botAliasName: alias.botAliasName,
      botVersion: alias.botVersion,
      botAliasLocaleSettings: alias.botAliasLocaleSettings ?? {},
    };
  }

  /** {@inheritDoc RuntimeStore.getBuiltLocale} */
  getBuiltLocale(botId: string, botVersion: string, localeId: string): BuiltLocale | undefined {
    this.sync();
    const bot = this.state.bots[botId];
    const version = bot?.versions[botVersion];
    const snapshot = version?.locales[localeId]?.built;
    if (!bot || !version || !snapshot) return undefined;
    const settings = version.settings ?? bot;
    const key = `${botId}/${botVersion}/${localeId}/${snapshot.buildId}/${settings.idleSessionTTLInSeconds}`;
    const cached = this.builtCache.get(key);
    if (cached) return cached;
    const at = { botId, botVersion, localeId };
    const slots = Object.values(snapshot.slots);
    const built: BuiltLocale = {
      botId,
      botName: settings.botName,
      botVersion,
      localeId,
      idleSessionTTLInSeconds: settings.idleSessionTTLInSeconds,
      nluIntentConfidenceThreshold: snapshot.nluIntentConfidenceThreshold,
      ...(snapshot.voiceSettings ? { voiceSettings: snapshot.voiceSettings } : {}),
      intents: Object.values(snapshot.intents).map((i) => ({
        ...describeIntent(i, at),
        slots: slots.filter((s) => s.intentId === i.intentId).map((s) => describeSlot(s, at)),
      })),
      slotTypes: Object.values(snapshot.slotTypes).map((t) => describeSlotType(t, at)),
      buildId: snapshot.buildId,
    };
    this.builtCache.set(key, built);
    return built;
  }

  /** {@inheritDoc RuntimeStore.recordUtterance} */
  recordUtterance(record: UtteranceRecord): void {
    const file = this.analyticsFile;
    if (!file) {
      this.utterances.push(record);
      return;
    }
    appendFileSync(file, `${JSON.stringify(record)}\n`);
    this.reloadAnalytics();
  }
}

/** Throws the ValidationException Lex gives for changing a numbered version. */
export function requireDraft(botVersion: string, member = 'botVersion'): void {
  if (botVersion !== DRAFT) {
    throw validation(`1 validation error detected: Value '${botVersion}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^DRAFT$`);
  }
}

/** Identity of a file's current content: inode (changes on rename), mtime and size; '' when absent. */
function stamp(file: string): string {
  if (!existsSync(file)) return '';
  try {
    const s = statSync(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}
