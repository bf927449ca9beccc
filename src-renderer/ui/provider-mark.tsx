import { KeyRound } from 'lucide-react';
import type { AccountSummary } from '../../src-shared/control/account-types';
import './provider-mark.css';

/** Identity colours (none is a status colour; white text on each passes 4.5:1): provider-mark.css `.provider-hue-N`. */
const HUES = 5;

/**
 * Our own monogram badges, not the vendors' logos (no trademark art is bundled): the first two letters of
 * the label the engine gives the provider, on a colour chosen from the label, so a provider the engine adds
 * gets a badge without a table here; a key for API-key entries. Decorative: the provider's name is always
 * said beside it.
 */
export function ProviderMark({ account }: { account: Pick<AccountSummary, 'kind' | 'providerLabel'> }) {
  if (account.kind === 'api-key') {
    return (
      <span className="provider-mark provider-key" aria-hidden="true">
        <KeyRound size={14} />
      </span>
    );
  }
  return (
    <span className={`provider-mark provider-hue-${hueOf(account.providerLabel)}`} aria-hidden="true">
      {account.providerLabel.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 2)}
    </span>
  );
}

/** A stable colour index for a label (the same provider always gets the same colour). */
export function hueOf(label: string): number {
  let sum = 0;
  for (const char of label) sum = (sum * 31 + (char.codePointAt(0) ?? 0)) % 9973;
  return sum % HUES;
}
