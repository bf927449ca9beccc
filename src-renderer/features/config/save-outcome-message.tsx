import type { SaveOutcome } from './describe-save-outcome';

/** The result of a save: a status for success, an alert for a refusal. */
export function SaveOutcomeMessage({ outcome }: { outcome: SaveOutcome }) {
  return (
    <div role={outcome.tone === 'error' ? 'alert' : 'status'} className={`card save-outcome save-outcome-${outcome.tone}`}>
      <p className="save-outcome-title">{outcome.title}</p>
      {outcome.details.length > 0 && (
        <ul>
          {outcome.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
