import { useId } from 'react';
import { appSettingsSchema, type AppSettings } from '../../../src-shared/control/app-settings';

/** The app settings that are whole numbers (their bounds are the schema's). */
export type NumberSettingKey = { [K in keyof AppSettings]: AppSettings[K] extends number ? K : never }[keyof AppSettings];

/** The schema's bounds of a number setting, for the input's min and max. */
export function settingBounds(setting: NumberSettingKey): { min: number; max: number } {
  const schema = appSettingsSchema.shape[setting];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** What typing `value` stores: the number when the schema takes it; nothing while it is half typed or out of range. */
export function acceptedSettingNumber(setting: NumberSettingKey, value: number): Partial<AppSettings> | null {
  return appSettingsSchema.shape[setting].safeParse(value).success ? { [setting]: value } : null;
}

interface NumberSettingProps {
  setting: NumberSettingKey;
  label: string;
  hint?: string;
  settings: AppSettings;
  disabled: boolean;
  onChange(change: Partial<AppSettings>): void;
}

/** A whole-number preference, stored as soon as what is typed is valid (no Save button). */
export function NumberSetting({ setting, label, hint, settings, disabled, onChange }: NumberSettingProps) {
  const id = useId();
  const hintId = useId();
  const { min, max } = settingBounds(setting);
  return (
    <div className="setting-threshold">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={settings[setting]}
        disabled={disabled}
        {...(hint === undefined ? {} : { 'aria-describedby': hintId })}
        onChange={(event) => {
          const change = acceptedSettingNumber(setting, event.target.valueAsNumber);
          if (change !== null) onChange(change);
        }}
      />
      {hint !== undefined && (
        <span id={hintId} className="setting-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
