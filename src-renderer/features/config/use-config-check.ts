import { useEffect, useState } from 'react';
import type { ConfigCheck } from '../../../src-shared/control/config-types';
import type { ControlClient, ControlFailure } from '../../control-client/control-client';

/** Typing pauses this long before the engine checks the text. */
const CHECK_AFTER_MS = 400;

export interface ConfigCheckState {
  /** The engine's verdict on `checkedText`. */
  check: ConfigCheck | null;
  /** The text `check` is about; differs from the editor's text while a check is due. */
  checkedText: string | null;
  failure: ControlFailure | null;
}

/** config.validate on the editor's text after each pause in typing; an answer for an older text is dropped. */
export function useConfigCheck(client: ControlClient, text: string | null): ConfigCheckState {
  const [state, setState] = useState<ConfigCheckState>({ check: null, checkedText: null, failure: null });
  useEffect(() => {
    if (text === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void client.invoke('config.validate', { text }).then((result) => {
        if (!current) return;
        setState(result.ok ? { check: result.value, checkedText: text, failure: null } : { check: null, checkedText: null, failure: result.error });
      });
    }, CHECK_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text]);
  return state;
}
