import { useId } from 'react';

/** First run (no account yet): the two steps to a first answered request. */
export function WelcomeCard() {
  const titleId = useId();
  return (
    <section className="card welcome" aria-labelledby={titleId}>
      <h2 id={titleId}>Welcome</h2>
      <ol className="welcome-steps">
        <li>
          <a href="#/accounts">Add an account</a>: log in with Claude, Codex, Gemini, Qwen or iFlow.
        </li>
        <li>Connect a tool: copy a URL and the API key below into it.</li>
      </ol>
    </section>
  );
}
