import type { ControlResult } from '../../src-shared/control-contract';
import { dispatchControlOperation, type ControlInvoker } from '../../src-proxy/index';

export type IpcHandle = (channel: string, senderUrl: string | undefined, rawInput: unknown) => Promise<ControlResult<unknown>>;

export interface IpcHandlerDeps {
  control: ControlInvoker;
  /** Only our own renderer page may call (see renderer-location.ts). */
  isTrustedSender(url: string | undefined): boolean;
}

/**
 * The whole IPC policy, free of Electron: sender frame check first (an untrusted frame learns nothing,
 * not even which channels exist), then the same dispatch the HTTP routes use: known operation,
 * zod-validated input, `{ ok, value } | { ok: false, error }` with no stack and no secrets.
 */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandle {
  return async (channel, senderUrl, rawInput) => {
    if (!deps.isTrustedSender(senderUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not control the proxy.' } };
    }
    return dispatchControlOperation(deps.control, channel, rawInput);
  };
}
