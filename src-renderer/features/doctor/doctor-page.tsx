import { useId, useState } from 'react';
import type { DoctorReport } from '../../../src-shared/control/doctor-types';
import type { PageProps } from '../../app/page-props';
import { formatExactTime } from '../../ui/format';
import { StatusChip } from '../../ui/status-chip';
import { doctorStatusWords, sortDoctorChecks, summarizeDoctor } from './doctor-words';
import { HelloCard } from './hello-card';
import './doctor.css';

/** "Why does it not work?": the engine's checks (docs/doctor.md), each with what was found and what to do. */
export function DoctorPage({ client }: PageProps) {
  const titleId = useId();
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (): void => {
    setRunning(true);
    setFailure(null);
    void client.invoke('doctor.run', {}).then((result) => {
      setRunning(false);
      if (result.ok) setReport(result.value);
      else setFailure(`The checks could not run: ${result.error.message}`);
    });
  };
  return (
    <section className="page" aria-labelledby={titleId}>
      <h1 id={titleId}>Doctor</h1>
      <div className="card">
        <p>
          Checks the proxy&apos;s port and exposure, the login callback ports, client keys, every provider host (directly and through
          your proxy), the clock, login files and usage history. No request is spent on your accounts; the hello below
          sends one only when you press it.
        </p>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={run} disabled={running}>
            {running ? 'Checking…' : report === null ? 'Run checks' : 'Run again'}
          </button>
        </div>
        {failure !== null && (
          <p role="alert" className="message message-error">
            {failure}
          </p>
        )}
      </div>
      {report !== null && (
        <div className="card doctor-report" aria-live="polite">
          <p className="doctor-summary">
            {summarizeDoctor(report.checks)} <span className="hint">Checked {formatExactTime(report.checkedAt)}.</span>
          </p>
          <ul className="doctor-checks">
            {sortDoctorChecks(report.checks).map((check) => {
              const words = doctorStatusWords(check.status);
              return (
                <li key={check.id} className="doctor-check">
                  <div className="doctor-check-head">
                    <StatusChip tone={words.tone} label={words.label} />
                    <strong>{check.title}</strong>
                  </div>
                  <p>{check.explanation}</p>
                  {check.fix !== null && <p className="doctor-fix">Fix: {check.fix}</p>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <HelloCard client={client} />
    </section>
  );
}
