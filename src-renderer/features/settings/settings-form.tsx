import { useId } from 'react';
import type { AppSettings } from '../../../src-shared/control/app-settings';

type Flag = { [K in keyof AppSettings]: AppSettings[K] extends boolean ? K : never }[keyof AppSettings];

export interface SettingsFormProps {
  settings: AppSettings;
  /** Disables the controls while a change is being stored. */
  busy: boolean;
  onChange(change: Partial<AppSettings>): void;
}

const themes: { value: AppSettings['theme']; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The desktop app's preferences; every change is stored at once (no Save button). */
export function SettingsForm({ settings, busy, onChange }: SettingsFormProps) {
  const thresholdId = useId();
  const toggle = (key: Flag, label: string, hint: string) => (
    <label className="setting">
      <input type="checkbox" checked={settings[key]} disabled={busy} onChange={(event) => onChange({ [key]: event.target.checked })} />
      <span>
        <span className="setting-label">{label}</span>
        <span className="setting-hint">{hint}</span>
      </span>
    </label>
  );
  return (
    <>
      <fieldset className="card settings-group">
        <legend>Startup and window</legend>
        {toggle('launchAtLogin', 'Launch at login', 'Starts the app in the tray when you log in to this computer.')}
        {toggle('startProxyOnLaunch', 'Start the proxy on launch', 'Otherwise the proxy waits until you press Start.')}
        {toggle('closeToTray', 'Close to tray', 'Closing the window keeps the proxy running in the tray; Quit is in the tray menu.')}
      </fieldset>
      <fieldset className="card settings-group">
        <legend>Notifications</legend>
        {toggle('notifyLogins', 'Logins', 'A login finished or failed.')}
        {toggle('notifyAccountProblems', 'Account problems', 'An account needs a new login or was disabled.')}
        {toggle('notifyProxyStopped', 'Proxy stopped', 'The proxy stopped without you asking.')}
        {toggle('notifyQuota', 'Low quota', "An account's remaining quota falls below the threshold.")}
        <div className="setting-threshold">
          <label htmlFor={thresholdId}>Quota threshold (% remaining)</label>
          <input
            id={thresholdId}
            type="number"
            min={1}
            max={90}
            value={settings.quotaThresholdPercent}
            disabled={busy || !settings.notifyQuota}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              if (Number.isInteger(value) && value >= 1 && value <= 90) onChange({ quotaThresholdPercent: value });
            }}
          />
        </div>
      </fieldset>
      <fieldset className="card settings-group">
        <legend>Appearance and privacy</legend>
        <div role="radiogroup" aria-label="Theme" className="setting-theme">
          {themes.map((theme) => (
            <label key={theme.value} className="setting-choice">
              <input type="radio" name="theme" value={theme.value} checked={settings.theme === theme.value} disabled={busy} onChange={() => onChange({ theme: theme.value })} />
              {theme.label}
            </label>
          ))}
        </div>
        {toggle('maskEmails', 'Mask emails', 'Shows account emails as a…@example.com (screenshots, screen sharing).')}
      </fieldset>
    </>
  );
}
