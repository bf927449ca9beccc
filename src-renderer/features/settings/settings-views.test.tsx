/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../../src-shared/control/app-settings';
import type { ControlClient } from '../../control-client/control-client';
import { SettingsForm } from './settings-form';
import { SettingsPage } from './settings-page';

function client(transport: 'ipc' | 'http'): ControlClient {
  return {
    transport,
    capabilities: { canStart: true, canStop: transport === 'ipc', appSettings: transport === 'ipc' },
    managementKey: null,
    invoke: (async () => ({ ok: true, value: defaultAppSettings })) as ControlClient['invoke'],
    on: () => () => undefined,
  };
}

describe('SettingsPage', () => {
  it('explains in the browser panel that app settings exist only in the desktop app, with no controls', () => {
    const html = renderToStaticMarkup(<SettingsPage client={client('http')} />);
    expect(html).toContain('App settings exist only in the desktop app.');
    expect(html).not.toContain('<input');
  });

  it('loads the settings in the desktop app', () => {
    expect(renderToStaticMarkup(<SettingsPage client={client('ipc')} />)).toContain('Loading the settings…');
  });
});

describe('SettingsForm', () => {
  it('offers every preference as a labelled control showing its value', () => {
    const html = renderToStaticMarkup(<SettingsForm settings={{ ...defaultAppSettings, theme: 'dark', notifyQuota: false }} busy={false} onChange={() => undefined} />);
    for (const label of ['Launch at login', 'Start the proxy on launch', 'Close to tray', 'Logins', 'Account problems', 'Proxy stopped', 'Low quota', 'Quota threshold (% remaining)', 'Mask emails']) {
      expect(html).toContain(label);
    }
    expect(html).toContain('role="radiogroup" aria-label="Theme"');
    expect(html).toContain('checked="" value="dark"');
    // The threshold means nothing while quota notifications are off.
    expect(html).toMatch(/<input id="[^"]+" type="number" min="1" max="90" disabled="" value="10"/);
  });
});
