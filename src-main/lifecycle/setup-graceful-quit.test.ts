import { describe, expect, it, vi } from 'vitest';
import { setupGracefulQuit, type QuittableApp } from './setup-graceful-quit';

function fakeApp() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined;
  const quits: boolean[] = [];
  const app: QuittableApp & { fireQuit(): boolean } = {
    on(_event, registered) {
      listener = registered;
    },
    quit() {
      quits.push(app.fireQuit());
    },
    /** Emits before-quit; returns whether quitting was allowed through. */
    fireQuit() {
      let prevented = false;
      listener?.({ preventDefault: () => (prevented = true) });
      return !prevented;
    },
  };
  return { app, quits };
}

describe('setupGracefulQuit', () => {
  it('holds the first quit until the engine has drained, then quits once', async () => {
    const { app, quits } = fakeApp();
    let finishDrain: () => void = () => undefined;
    const drain = vi.fn(() => new Promise<void>((resolve) => (finishDrain = resolve)));
    setupGracefulQuit(app, drain);
    expect(app.fireQuit()).toBe(false);
    expect(app.fireQuit()).toBe(false);
    expect(drain).toHaveBeenCalledTimes(1);
    finishDrain();
    await vi.waitFor(() => expect(quits).toEqual([true]));
  });

  it('quits anyway when draining fails or times out', async () => {
    const { app, quits } = fakeApp();
    const onError = vi.fn();
    setupGracefulQuit(app, () => new Promise(() => undefined), { timeoutMs: 20, onError });
    app.fireQuit();
    await vi.waitFor(() => expect(quits).toEqual([true]));
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
