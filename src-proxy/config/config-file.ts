import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { renderConfigDocument } from './config-document';
import type { ConfigProblem } from './config-problems';
import type { EngineConfig } from './engine-config';
import { parseConfigText } from './load-config';
import { writeFileAtomic } from './write-file-atomic';

/** What applying a new config did: keys that only take effect after a restart of the listener or app. */
export interface ApplyOutcome {
  /** Keys saved but applied only after the app restarts (e.g. auth-dir). */
  restartRequired: string[];
  /** host, port or tls changed: the engine restarts its listener right after this change. */
  listenerRestart: boolean;
}

export type ConfigChangeResult =
  | { ok: true; config: EngineConfig; outcome: ApplyOutcome; unchanged: boolean }
  | { ok: false; kind: 'invalid_yaml' | 'invalid_config'; problems: ConfigProblem[] }
  | { ok: false; kind: 'write_failed' | 'read_failed'; problems: ConfigProblem[] };

export interface ConfigFileOptions {
  path: string;
  /** The config the engine started with and the text it came from. */
  initial: { config: EngineConfig; text: string };
  /** Makes a validated config the live one (the engine swaps its runtime). */
  apply(config: EngineConfig): Promise<ApplyOutcome> | ApplyOutcome;
  /** Told about a file change that was rejected (the old config keeps serving). */
  onRejected?(problems: ConfigProblem[]): void;
  onWarning?(message: string): void;
  /** Quiet period after the last fs event (editors write in bursts). */
  debounceMs?: number;
}

/**
 * config.yaml as the engine's one source of truth after start: every change (a management route, the
 * desktop editor, a text editor on disk) is parsed and validated first, written atomically, then
 * applied. Invalid text changes nothing. Changes are serialized so two edits never lose one another,
 * and an edit re-reads the file, so a change made on disk meanwhile is kept.
 */
export class ConfigFile {
  readonly path: string;
  private current: EngineConfig;
  private currentText: string;
  private appliedHash: string;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private problems: ConfigProblem[] = [];

  constructor(private readonly options: ConfigFileOptions) {
    this.path = resolve(options.path);
    this.current = options.initial.config;
    this.currentText = options.initial.text;
    this.appliedHash = hashText(options.initial.text);
  }

  /** The live, normalized config. */
  config(): EngineConfig {
    return this.current;
  }

  /**
   * The text of the config that is serving. Differs from the file while a change on disk waits for
   * its quiet period or was rejected (a broken edit): readers of "the config" must not see that one.
   */
  servedText(): string {
    return this.currentText;
  }

  /** Problems of the last rejected change made on disk; empty once a valid file is applied. */
  lastProblems(): readonly ConfigProblem[] {
    return this.problems;
  }

  async readText(): Promise<string> {
    return readFile(this.path, 'utf8');
  }

  /** Checks text without saving or applying it (the editor's inline errors). */
  validate(text: string): { ok: true } | { ok: false; kind: 'invalid_yaml' | 'invalid_config'; problems: ConfigProblem[] } {
    const parsed = parseConfigText(text, { configDir: dirname(this.path) });
    if (parsed.ok) return { ok: true };
    return { ok: false, kind: classify(text), problems: parsed.problems };
  }

  /** Replaces the whole file with `text` if it is a valid config, then applies it. */
  replaceText(text: string): Promise<ConfigChangeResult> {
    return this.serialized(() => this.writeAndApply(text));
  }

  /**
   * Edits the file's Document in place (comments, order and unknown keys survive), then validates,
   * writes and applies. `mutate` may throw to refuse the edit; nothing is written then.
   */
  edit(mutate: (document: Document, config: EngineConfig) => void): Promise<ConfigChangeResult> {
    return this.serialized(async () => {
      const read = await this.readForChange();
      if (!read.ok) return read.failure;
      const { text } = read;
      const parsed = parseConfigText(text, { configDir: dirname(this.path) });
      if (!parsed.ok) return { ok: false, kind: classify(text), problems: parsed.problems };
      const untouched = renderConfigDocument(parsed.document);
      mutate(parsed.document, parsed.config);
      const rendered = renderConfigDocument(parsed.document);
      // A no-op edit leaves the file alone (the yaml library's layout may differ from the user's).
      if (rendered === untouched) return { ok: true, config: this.current, outcome: { restartRequired: [], listenerRestart: false }, unchanged: true };
      return this.writeAndApply(rendered);
    });
  }

  /** Watches the file (through its folder: atomic saves replace the inode); changes apply after a quiet period. */
  watch(): void {
    if (this.watcher) return;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
      if (file !== null && file.toString() !== name) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.reloadFromDisk();
      }, this.options.debounceMs ?? 150);
    });
    this.watcher.on('error', (error) => this.options.onWarning?.(`config watcher failed: ${String(error)}`));
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Re-reads the file and applies it if its content changed and is valid; otherwise keeps the old config. */
  reloadFromDisk(): Promise<ConfigChangeResult> {
    return this.serialized(async () => {
      const read = await this.readForChange();
      if (!read.ok) return read.failure;
      const { text } = read;
      // An editor truncates before it writes: an empty file in the middle of a save is not a new config.
      if (text.trim() === '' || hashText(text) === this.appliedHash) {
        return { ok: true, config: this.current, outcome: { restartRequired: [], listenerRestart: false }, unchanged: true };
      }
      const parsed = parseConfigText(text, { configDir: dirname(this.path), sourceName: this.path });
      if (!parsed.ok) {
        this.problems = parsed.problems;
        this.options.onRejected?.(parsed.problems);
        return { ok: false, kind: classify(text), problems: parsed.problems };
      }
      for (const warning of parsed.warnings) this.options.onWarning?.(warning);
      return this.adopt(parsed.config, text);
    });
  }

  private async readForChange(): Promise<{ ok: true; text: string } | { ok: false; failure: ConfigChangeResult }> {
    try {
      return { ok: true, text: await this.readText() };
    } catch (error) {
      return { ok: false, failure: { ok: false, kind: 'read_failed', problems: [{ path: '', message: `cannot read the config file (${errorCode(error)})` }] } };
    }
  }

  private async writeAndApply(text: string): Promise<ConfigChangeResult> {
    const parsed = parseConfigText(text, { configDir: dirname(this.path) });
    if (!parsed.ok) return { ok: false, kind: classify(text), problems: parsed.problems };
    if (hashText(text) === this.appliedHash) return { ok: true, config: this.current, outcome: { restartRequired: [], listenerRestart: false }, unchanged: true };
    try {
      await writeFileAtomic(this.path, text, 0o600);
    } catch (error) {
      return { ok: false, kind: 'write_failed', problems: [{ path: '', message: `cannot write the config file (${errorCode(error)})` }] };
    }
    return this.adopt(parsed.config, text);
  }

  private async adopt(config: EngineConfig, text: string): Promise<ConfigChangeResult> {
    this.appliedHash = hashText(text);
    this.current = config;
    this.currentText = text;
    this.problems = [];
    const outcome = await this.options.apply(config);
    return { ok: true, config, outcome, unchanged: false };
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** CPA's two rejections: text that is not YAML at all (400) vs YAML that is not a valid config (422). */
function classify(text: string): 'invalid_yaml' | 'invalid_config' {
  return parseDocument(text, { uniqueKeys: true }).errors.length > 0 ? 'invalid_yaml' : 'invalid_config';
}

function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}
