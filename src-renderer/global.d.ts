import type { ControlBridge } from '../src-shared/control-contract';

declare global {
  interface Window {
    /** Exposed by src-main/preload/preload.cjs inside the Electron app; absent in a browser. */
    readonly cliproxy?: ControlBridge;
  }
}
