import { useId } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import { useControlQuery } from '../../control-client/use-control-query';

/** First run (no account yet): the two steps to a first answered request; the logins are the engine's (`logins.list`). */
export function WelcomeCard({ client }: { client: ControlClient }) {
  const titleId = useId();
  const labels = (useControlQuery(client, 'logins.list', {}).value ?? []).map((offer) => offer.label);
  return (
    <section className="card welcome" aria-labelledby={titleId}>
      <h2 id={titleId}>Welcome</h2>
      <ol className="welcome-steps">
        <li>
          <a href="#/accounts">Add an account</a>
          {labels.length > 0 && `: log in with ${orList(labels)}`}.
        </li>
        <li>Connect a tool: copy a URL and the API key below into it.</li>
      </ol>
    </section>
  );
}

/** 'Claude, Codex or Gemini'. */
function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}
