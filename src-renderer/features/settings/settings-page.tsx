import { useEffect, useId, useState } from 'react';
import type { AppSettings } from '../../../src-shared/control/app-settings';
import type { PageProps } from '../../app/page-props';
import { useControlQuery } from '../../control-client/use-control-query';
import type { ControlClient } from '../../control-client/control-client';
import { applyTheme } from './apply-theme';
import { SettingsForm } from './settings-form';
import { UpdatesSection } from './updates-section';
import './settings.css';
import { PageHeader } from '../../ui/page-header';

/** The desktop app's own preferences (not config.yaml). The browser panel has none and says so. */
export function SettingsPage({ client }: PageProps) {
  const titleId = useId();
  return (
    <section className="page settings-page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Settings" description="How the desktop app behaves" />
      {client.capabilities.appSettings ? (
        <DesktopSettings client={client} />
      ) : (
        <div className="card">
          <p className="settings-unavailable">App settings exist only in the desktop app.</p>
          <p className="hint">
            Launch at login, the tray, notifications and the theme belong to CLI Proxy Desktop on the computer that runs it. This web panel
            changes the proxy itself: see Config for its port, network access and routing.
          </p>
        </div>
      )}
    </section>
  );
}

function DesktopSettings({ client }: { client: ControlClient }) {
  const settings = useControlQuery(client, 'settings.get', {});
  const updates = useControlQuery(client, 'updates.get', {});
  const { setValue: setUpdate } = updates;
  useEffect(() => client.on('updates.changed', setUpdate), [client, setUpdate]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const change = async (next: Partial<AppSettings>) => {
    setBusy(true);
    const result = await client.invoke('settings.set', next);
    setBusy(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: `Not saved: ${result.error.message} The previous setting stays; try again.` });
      return;
    }
    settings.setValue(result.value);
    applyTheme(document.documentElement, result.value.theme);
    setOutcome({ ok: true, text: 'Saved.' });
  };

  if (settings.value === null) {
    return settings.failure === null ? (
      <p className="hint">Loading the settings…</p>
    ) : (
      <p role="alert" className="message message-error">
        Could not read the app settings: {settings.failure.message} Restart the app if this stays.
      </p>
    );
  }
  const check = async () => {
    const result = await client.invoke('updates.check', {});
    if (result.ok) setUpdate(result.value);
    else setOutcome({ ok: false, text: `Could not check for updates: ${result.error.message}` });
  };
  return (
    <>
      <SettingsForm settings={settings.value} busy={busy} onChange={(next) => void change(next)} />
      <UpdatesSection
        update={updates.value}
        autoUpdate={settings.value.autoUpdate}
        busy={busy}
        onAutoUpdateChange={(on) => void change({ autoUpdate: on })}
        onCheck={() => void check()}
      />
      <p role={outcome?.ok === false ? 'alert' : 'status'} className={outcome?.ok === false ? 'message message-error' : 'hint'}>
        {outcome?.text ?? ''}
      </p>
    </>
  );
}
