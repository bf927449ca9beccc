import type { AppSettings } from '../../../src-shared/control/app-settings';
import { NumberSetting } from './number-setting';

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
        {/* Both mean nothing while quota notifications are off. */}
        <NumberSetting setting="quotaThresholdPercent" label="Quota threshold (% remaining)" settings={settings} disabled={busy || !settings.notifyQuota} onChange={onChange} />
        <NumberSetting
          setting="quotaForecastLeadMinutes"
          label="Warn before a forecast limit (minutes)"
          hint="When, at the recent rate, a quota window runs out before its reset within this many minutes."
          settings={settings}
          disabled={busy || !settings.notifyQuota}
          onChange={onChange}
        />
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
