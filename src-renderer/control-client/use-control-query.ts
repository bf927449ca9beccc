import { useCallback, useEffect, useState } from 'react';
import type { ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { ControlClient, ControlFailure } from './control-client';

export interface ControlQuery<T> {
  /** The last good answer; kept while a reload is under way or fails. */
  value: T | null;
  /** The last failure; cleared by the next success. */
  failure: ControlFailure | null;
  loading: boolean;
  reload(): void;
  /** Replace the value with fresher data (an event's payload, an operation's answer). */
  setValue(value: T): void;
}

/** Runs a read operation on mount and whenever its input changes (compared by value). */
export function useControlQuery<Op extends ControlOperation>(
  client: ControlClient,
  operation: Op,
  input: ControlInput<Op>,
): ControlQuery<ControlOutputs[Op]> {
  const [value, setValue] = useState<ControlOutputs[Op] | null>(null);
  const [failure, setFailure] = useState<ControlFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void client.invoke(operation, JSON.parse(inputKey) as ControlInput<Op>).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setFailure(null);
      } else {
        setFailure(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [client, operation, inputKey, generation]);

  const reload = useCallback(() => setGeneration((each) => each + 1), []);
  const replace = useCallback((next: ControlOutputs[Op]) => {
    setValue(next);
    setFailure(null);
  }, []);
  return { value, failure, loading, reload, setValue: replace };
}
