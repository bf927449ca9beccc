import { KeyRound } from 'lucide-react';
import './provider-mark.css';

/**
 * Our own monogram badges, not the vendors' logos (no trademark art is bundled): two letters on a
 * provider colour, and a key for API-key entries. Decorative: the provider's name is always said beside it.
 */
const monograms: Record<string, { letters: string; family: string }> = {
  claude: { letters: 'Cl', family: 'claude' },
  codex: { letters: 'Cx', family: 'codex' },
  'gemini-cli': { letters: 'Ge', family: 'gemini' },
  gemini: { letters: 'Ge', family: 'gemini' },
  qwen: { letters: 'Qw', family: 'qwen' },
  iflow: { letters: 'iF', family: 'iflow' },
};

export function ProviderMark({ provider }: { provider: string }) {
  const monogram = monograms[provider];
  if (monogram === undefined) {
    return (
      <span className="provider-mark provider-key" aria-hidden="true">
        <KeyRound size={14} />
      </span>
    );
  }
  return (
    <span className={`provider-mark provider-${monogram.family}`} aria-hidden="true">
      {monogram.letters}
    </span>
  );
}
