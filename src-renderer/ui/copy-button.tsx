import { useEffect, useState } from 'react';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; why: string };

export interface CopyButtonProps {
  label: string;
  /** The text to copy, or how to fetch it at the moment of the click (a secret revealed only then). */
  value: string | (() => Promise<string>);
}

const byHand = 'Could not copy: select the text and copy it by hand.';

/** Copies `value`; says "Copied" for a moment, or why not (the fetch's error, or how to copy by hand). */
export function CopyButton({ value, label }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind === 'idle') return undefined;
    const timer = setTimeout(() => setState({ kind: 'idle' }), state.kind === 'copied' ? 2000 : 6000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = (): void => {
    const text = typeof value === 'string' ? Promise.resolve(value) : value();
    text.then(
      // navigator.clipboard is missing on insecure origins (a LAN address over http): that is a failure too.
      (resolved) =>
        Promise.resolve()
          .then(() => navigator.clipboard.writeText(resolved))
          .then(
            () => setState({ kind: 'copied' }),
            () => setState({ kind: 'failed', why: byHand }),
          ),
      (error: unknown) => setState({ kind: 'failed', why: error instanceof Error ? `Could not copy: ${error.message}` : byHand }),
    );
  };

  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span className="copy-feedback" aria-live="polite">
        {state.kind === 'copied' ? 'Copied' : state.kind === 'failed' ? state.why : ''}
      </span>
    </>
  );
}
