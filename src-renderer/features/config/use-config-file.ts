import { useCallback, useEffect, useState } from 'react';
import type { ConfigProblemView } from '../../../src-shared/control/config-types';
import type { ControlClient, ControlFailure } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery } from '../../control-client/use-control-query';
import { diskChanged, loadedDraft, type ConfigDraft } from './config-draft';

export interface ConfigFileState {
  /** null until config.yaml was read. */
  draft: ConfigDraft | null;
  setDraft(update: (draft: ConfigDraft) => ConfigDraft): void;
  path: string | null;
  failure: ControlFailure | null;
  /** The problems of a file changed on disk that the engine refused to apply (the old settings keep serving). */
  refusedOnDisk: ConfigProblemView[] | null;
  /** Read the file again and follow it as config.changed does (after a save: the engine may rewrite it). */
  reread(): void;
}

/** config.yaml as the editor holds it: read once, then followed on every config.changed. */
export function useConfigFile(client: ControlClient): ConfigFileState {
  const read = useControlQuery(client, 'config.read', {});
  const [draft, setDraftState] = useState<ConfigDraft | null>(null);
  const [refusedOnDisk, setRefusedOnDisk] = useState<ConfigProblemView[] | null>(null);

  const first = read.value;
  useEffect(() => {
    if (first !== null) setDraftState((state) => state ?? loadedDraft(first.text));
  }, [first]);

  const reread = useCallback(() => {
    void client.invoke('config.read', {}).then((result) => {
      if (result.ok) setDraftState((state) => (state === null ? loadedDraft(result.value.text) : diskChanged(state, result.value.text)));
    });
  }, [client]);

  useControlEvent(client, 'config.changed', (event) => {
    setRefusedOnDisk(event.applied ? null : event.problems);
    reread();
  });

  const setDraft = useCallback((update: (state: ConfigDraft) => ConfigDraft) => setDraftState((state) => (state === null ? state : update(state))), []);
  return { draft, setDraft, path: read.value?.path ?? null, failure: read.failure, refusedOnDisk, reread };
}
