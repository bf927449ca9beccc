import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import { configFormChanges, configFormProblem, readConfigForm, toRoutingStrategy, type ConfigFormField, type ConfigFormValues } from './config-form-values';
import { describeSaveOutcome, type SaveOutcome } from './describe-save-outcome';
import { SaveOutcomeMessage } from './save-outcome-message';
import './config-forms.css';

export interface ConfigFormsProps {
  client: ControlClient;
  /** config.yaml as it is on disk (re-read after every save). */
  text: string;
}

type Group = 'network' | 'routing' | 'proxy';
const groupFields: Record<Group, readonly ConfigFormField[]> = {
  network: ['port', 'lanAccess'],
  routing: ['routingStrategy', 'requestRetry', 'maxRetryInterval'],
  proxy: ['proxyUrl'],
};

/**
 * The common settings as form fields, each group saved on its own through config.setValues (the same
 * comment-keeping, validated path as the editor), with the outcome under the group.
 */
export function ConfigForms({ client, text }: ConfigFormsProps) {
  const source = useMemo(() => readConfigForm(text), [text]);
  const [values, setValues] = useState<ConfigFormValues | null>(source?.values ?? null);
  const [saving, setSaving] = useState<Group | null>(null);
  const [outcome, setOutcome] = useState<{ group: Group; outcome: SaveOutcome } | null>(null);
  const ids = { port: useId(), retry: useId(), interval: useId(), strategy: useId(), proxy: useId(), lanWarning: useId() };

  // The file changed (a save here, the editor, or on disk): the fields show it.
  useEffect(() => setValues(source?.values ?? null), [source]);

  if (source === null || values === null) {
    return (
      <p className="card hint config-forms-unavailable">The settings forms appear once config.yaml is valid YAML: fix it in the editor below.</p>
    );
  }
  const set = <K extends ConfigFormField>(field: K, value: ConfigFormValues[K]) => setValues({ ...values, [field]: value });

  const save = async (group: Group) => {
    const changes = configFormChanges(source.values, values, groupFields[group]);
    if (changes.length === 0) return;
    setSaving(group);
    setOutcome(null);
    const result = await client.invoke('config.setValues', { values: changes });
    setSaving(null);
    setOutcome({
      group,
      outcome: result.ok
        ? describeSaveOutcome(result.value)
        : { tone: 'error', title: `Not saved: ${result.error.message}`, details: ['config.yaml is unchanged. Check that the proxy is running, then save again.'] },
    });
  };

  const problem = (group: Group) => configFormProblem(values, groupFields[group]);
  const lanWithoutKeys = values.lanAccess && !source.hasApiKeys;
  const groupSection = (group: Group, title: string, children: ReactNode, blocked: string | null = null) => {
    const changed = configFormChanges(source.values, values, groupFields[group]).length > 0;
    return (
      <fieldset className="card config-form">
        <legend>{title}</legend>
        {children}
        <div className="actions">
          <button type="button" className="button button-primary" disabled={!changed || blocked !== null || saving !== null} onClick={() => void save(group)}>
            {saving === group ? 'Saving…' : `Save ${title.toLowerCase()}`}
          </button>
          {changed && (
            <button type="button" className="button" disabled={saving !== null} onClick={() => setValues(source.values)}>
              Undo changes
            </button>
          )}
        </div>
        {changed && blocked !== null && <p className="message message-error">{blocked}</p>}
        {outcome?.group === group && <SaveOutcomeMessage outcome={outcome.outcome} />}
      </fieldset>
    );
  };

  return (
    <div className="config-forms">
      {groupSection(
        'network',
        'Network',
        <>
          <div className="field">
            <label htmlFor={ids.port}>Port</label>
            <input id={ids.port} type="number" min={1} max={65535} value={Number.isNaN(values.port) ? '' : values.port} onChange={(event) => set('port', event.target.valueAsNumber)} />
            {client.transport === 'http' && <span className="hint">After a port change, open this panel at the new port.</span>}
          </div>
          <label className="config-form-check">
            <input type="checkbox" checked={values.lanAccess} aria-describedby={values.lanAccess ? ids.lanWarning : undefined} onChange={(event) => set('lanAccess', event.target.checked)} />
            LAN access (listen on 0.0.0.0 instead of 127.0.0.1)
          </label>
          {values.lanAccess && (
            <p id={ids.lanWarning} role="note" className="config-form-warning">
              Every device on your network can then reach the proxy and use your accounts with a client key.
              {source.hasApiKeys ? ' Keep the keys under api-keys secret.' : ' config.yaml has no api-keys yet: add one in the editor first (the proxy refuses to listen on the network without one).'}
            </p>
          )}
        </>,
        problem('network') ?? (lanWithoutKeys ? 'Add a client key under api-keys before turning on LAN access.' : null),
      )}
      {groupSection(
        'routing',
        'Routing and retries',
        <>
          <div className="field">
            <label htmlFor={ids.strategy}>Routing strategy</label>
            <select id={ids.strategy} value={values.routingStrategy} onChange={(event) => set('routingStrategy', toRoutingStrategy(event.target.value))}>
              <option value="round-robin">Round robin: spread requests over the accounts</option>
              <option value="fill-first">Fill first: use one account until it is limited</option>
              <option value="weighted-round-robin">Weighted: spread requests by each account&apos;s weight</option>
              <option value="quota-aware">Quota-aware: the account with the most quota left, not one about to run out</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.retry}>Request retries</label>
            <input id={ids.retry} type="number" min={0} value={Number.isNaN(values.requestRetry) ? '' : values.requestRetry} onChange={(event) => set('requestRetry', event.target.valueAsNumber)} />
          </div>
          <div className="field">
            <label htmlFor={ids.interval}>Longest retry wait (seconds)</label>
            <input id={ids.interval} type="number" min={0} value={Number.isNaN(values.maxRetryInterval) ? '' : values.maxRetryInterval} onChange={(event) => set('maxRetryInterval', event.target.valueAsNumber)} />
          </div>
        </>,
        problem('routing'),
      )}
      {groupSection(
        'proxy',
        'Upstream proxy',
        <div className="field">
          <label htmlFor={ids.proxy}>Upstream proxy URL</label>
          <input id={ids.proxy} type="url" placeholder="socks5://127.0.0.1:1080 (empty: connect directly)" value={values.proxyUrl} onChange={(event) => set('proxyUrl', event.target.value)} />
          <span className="hint">http, https or socks5; used for every provider unless an entry sets its own.</span>
        </div>,
      )}
    </div>
  );
}
