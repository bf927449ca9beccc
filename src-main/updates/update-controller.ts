import type { UpdateState, UpdateStatus } from '../../src-shared/control/update-types';
import type { UpdateSupport } from './update-support';

/**
 * What the controller needs from an updater: electron-updater's autoUpdater behind setup-updates.ts in the
 * app, a plain-Node reader of a generic feed in the tests. `check` resolves to the newer version or null
 * when this one is current, and throws when the feed cannot be read.
 */
export interface UpdateSource {
  check(): Promise<{ version: string } | null>;
  /** Downloads and verifies (sha512) the update found by the last check. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits and installs the downloaded update now. */
  installNow(): void;
}

export type UpdateTrigger = 'automatic' | 'user';

export interface UpdateControllerDeps {
  support: UpdateSupport;
  source: UpdateSource;
  currentVersion: string;
  /** The app setting `autoUpdate`, read at each automatic check. */
  automatic(): boolean;
  now?(): number;
}

export interface UpdateController {
  state(): UpdateState;
  /**
   * Checks the feed, and downloads a newer version in the background. An automatic check does nothing
   * while the setting is off; a check the user asks for (tray, Settings) always runs. Never throws: a
   * failure becomes the 'error' state. Calls made while a check or download runs share it.
   */
  check(trigger: UpdateTrigger): Promise<UpdateState>;
  installNow(): void;
  /** The setting changed: listeners hear the new state, and turning it on checks at once. */
  settingChanged(): void;
  onChange(listener: (state: UpdateState) => void): () => void;
}

type UpdatePhase = 'check' | 'download';

const maxMessageLength = 200;

/** The update decisions, without Electron: support, the setting, the check -> download -> ready sequence. */
export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const now = deps.now ?? Date.now;
  let status: UpdateStatus = deps.support.supported ? { state: 'idle' } : { state: 'unsupported', reason: deps.support.reason };
  let running: Promise<UpdateState> | null = null;
  const listeners = new Set<(state: UpdateState) => void>();
  const state = (): UpdateState => ({ currentVersion: deps.currentVersion, automatic: deps.automatic(), status });
  const set = (next: UpdateStatus): void => {
    status = next;
    const snapshot = state();
    for (const listener of listeners) listener(snapshot);
  };

  const run = async (): Promise<UpdateState> => {
    set({ state: 'checking' });
    let phase: UpdatePhase = 'check';
    try {
      const found = await deps.source.check();
      if (found === null) {
        set({ state: 'up-to-date', checkedAt: now() });
        return state();
      }
      phase = 'download';
      set({ state: 'downloading', version: found.version, percent: 0 });
      let lastPercent = 0;
      await deps.source.download((percent) => {
        const rounded = Math.max(0, Math.min(100, Math.floor(percent)));
        // Progress arrives many times a second; the tray and the page need whole percents only.
        if (rounded === lastPercent) return;
        lastPercent = rounded;
        set({ state: 'downloading', version: found.version, percent: rounded });
      });
      set({ state: 'ready', version: found.version });
    } catch (error) {
      set({ state: 'error', message: describeUpdateError(error, phase), at: now() });
    }
    return state();
  };

  const check = (trigger: UpdateTrigger): Promise<UpdateState> => {
    if (status.state === 'unsupported' || status.state === 'ready') return Promise.resolve(state());
    if (trigger === 'automatic' && !deps.automatic()) return Promise.resolve(state());
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    state,
    check,
    installNow() {
      if (status.state === 'ready') deps.source.installNow();
    },
    settingChanged() {
      set(status);
      if (deps.automatic() && (status.state === 'idle' || status.state === 'error')) void check('automatic');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A short, single-line reason. electron-updater's errors can carry a whole HTTP response body (an HTML
 * error page) and request headers, so only the first line is kept, bounded, with URL query strings
 * (which could carry a token) cut off.
 */
export function describeUpdateError(error: unknown, phase: UpdatePhase): string {
  const raw = error instanceof Error ? error.message : String(error);
  const firstLine = (raw.split('\n').find((line) => line.trim() !== '') ?? 'unknown problem').trim().replace(/(https?:\/\/[^\s?#]+)[?#]\S*/g, '$1');
  const text = firstLine.length > maxMessageLength ? `${firstLine.slice(0, maxMessageLength - 1)}…` : firstLine;
  return `${phase === 'check' ? 'Could not check for updates' : 'Could not download the update'}: ${text}`;
}
