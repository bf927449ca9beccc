import { useEffect } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import { applyTheme } from './apply-theme';

/** For the shell: applies the stored theme once at start (desktop app only; the browser panel follows the system). */
export function useAppTheme(client: ControlClient): void {
  useEffect(() => {
    if (!client.capabilities.appSettings) return;
    void client.invoke('settings.get', {}).then((result) => {
      if (result.ok) applyTheme(document.documentElement, result.value.theme);
    });
  }, [client]);
}
