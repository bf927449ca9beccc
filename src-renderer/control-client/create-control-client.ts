import type { ControlBridge } from '../../src-shared/control-contract';
import type { ControlClient } from './control-client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { createManagementKeyStore } from './management-key-store';

export interface ControlClientEnvironment {
  /** `window.cliproxy`, present only inside the Electron app (preload). */
  bridge: ControlBridge | undefined;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetch: typeof fetch;
  /** Engine origin for the HTTP transport; '' = this page's origin. */
  baseUrl?: string;
}

/** IPC inside Electron, HTTP (management key + engine routes) in a browser. */
export function createControlClient(environment: ControlClientEnvironment): ControlClient {
  if (environment.bridge !== undefined) return createIpcTransport(environment.bridge);
  return createHttpTransport({
    baseUrl: environment.baseUrl ?? '',
    managementKey: createManagementKeyStore(environment.storage),
    fetch: environment.fetch,
  });
}
