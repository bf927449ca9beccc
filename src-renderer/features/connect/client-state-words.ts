import type { ClientConnectionStatus } from '../../../src-shared/control/client-types';
import type { StatusTone } from '../../ui/status-tone';

/** The chip for a one-click client: its words, colour and the longer sentence on hover. */
export function describeClientState(status: Pick<ClientConnectionStatus, 'state' | 'fileExists'>): { label: string; tone: StatusTone; detail: string } {
  switch (status.state) {
    case 'connected':
      return { label: 'Connected', tone: 'ok', detail: 'The settings file points at this proxy.' };
    case 'changed-since-connect':
      return {
        label: 'Changed since connect',
        tone: 'busy',
        detail: 'The settings file was edited after Connect and no longer points at this proxy. Connect again, or Disconnect to put back what was there before.',
      };
    case 'not-connected':
      return {
        label: 'Not connected',
        tone: 'neutral',
        detail: status.fileExists ? 'The settings file does not point at this proxy.' : 'The settings file does not exist yet: Connect creates it.',
      };
  }
}
