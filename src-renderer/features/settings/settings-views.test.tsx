/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../../src-shared/control/app-settings';
import type { UpdateState } from '../../../src-shared/control/update-types';
import type { ControlClient } from '../../control-client/control-client';
import { acceptedSettingNumber, settingBounds } from './number-setting';
import { SettingsForm } from './settings-form';
import { SettingsPage } from './settings-page';
import { describeUpdateStatus } from './describe-update-status';
import { UpdatesSection } from './updates-section';

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
    // The threshold and the forecast lead mean nothing while quota notifications are off.
    expect(html).toMatch(/<input id="[^"]+" type="number" min="1" max="90" disabled="" value="10"/);
    expect(html).toMatch(/<label for="([^"]+)">Warn before a forecast limit \(minutes\)<\/label><input id="\1" type="number" min="5" max="1440" disabled="" aria-describedby="[^"]+" value="60"/);
  });

  it('stores a number setting only once the schema takes it (whole, within its bounds)', () => {
    expect(settingBounds('quotaForecastLeadMinutes')).toEqual({ min: 5, max: 1440 });
    expect(acceptedSettingNumber('quotaForecastLeadMinutes', 90)).toEqual({ quotaForecastLeadMinutes: 90 });
    for (const typed of [3, 2000, 7.5, Number.NaN]) expect(acceptedSettingNumber('quotaForecastLeadMinutes', typed)).toBeNull();
    expect(acceptedSettingNumber('quotaThresholdPercent', 91)).toBeNull();
  });
});

describe('UpdatesSection', () => {
  const at = (status: UpdateState['status'], automatic = true): UpdateState => ({ currentVersion: '0.1.0', automatic, status });
  const time = () => '14:05';
  const render = (update: UpdateState | null) => renderToStaticMarkup(<UpdatesSection update={update} autoUpdate busy={false} onAutoUpdateChange={() => undefined} onCheck={() => undefined} formatTime={time} />);

  it('offers the automatic setting and a check, and says what the updater is doing', () => {
    const html = render(at({ state: 'up-to-date', checkedAt: 1 }));
    expect(html).toContain('Update automatically');
    expect(html).toContain('Version 0.1.0 is the latest (checked 14:05).');
    expect(html).toMatch(/<button type="button" class="button">Check now<\/button>/);
  });

  it('where updates cannot work, gives the reason and disables the controls instead of failing', () => {
    const html = render(at({ state: 'unsupported', reason: 'Installed from the .deb package: install a newer .deb from the releases page to update.' }));
    expect(html).toContain('Installed from the .deb package');
    expect(html).toMatch(/<input type="checkbox" disabled="" checked=""/);
    expect(html).toMatch(/<button type="button" class="button" disabled="">Check now/);
  });

  it('describes every state in words', () => {
    expect(describeUpdateStatus(at({ state: 'idle' }, false), time)).toBe('Version 0.1.0. Automatic checks are off.');
    expect(describeUpdateStatus(at({ state: 'checking' }), time)).toBe('Checking for updates…');
    expect(describeUpdateStatus(at({ state: 'downloading', version: '0.2.0', percent: 40 }), time)).toBe('Downloading version 0.2.0 in the background… 40%');
    expect(describeUpdateStatus(at({ state: 'ready', version: '0.2.0' }), time)).toMatch(/^Version 0\.2\.0 is downloaded and installs when you quit/);
    expect(describeUpdateStatus(at({ state: 'error', message: 'Could not check for updates: HTTP 500', at: 1 }), time)).toBe('Could not check for updates: HTTP 500 (14:05). The app keeps working; try again later.');
    expect(render(null)).toContain('Reading the update status…');
  });
});
