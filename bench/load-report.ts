/** The load checks' targets (issue 7) and their table, in the style of the scenario table. */
import { spreadOf, type Spread } from './instruction-report';
import { renderColumns } from './report';

/** One headless start. */
export interface StartSample {
  /** Spawn of `node cli.js serve` to the end of the first 200 answer. */
  toFirstRequestMs: number;
  /** The engine's CPU (user + system) by then: steadier than the wall time on a busy machine. */
  cpuMs: number;
  /** Engine RSS once it has served its first request and sat idle for a moment. */
  idleRssMb: number;
}

export interface LoadMeasurements {
  /** Every start of the run (`--starts`); the checks take their medians. */
  starts: StartSample[];
  idle: {
    streams: number;
    opened: number;
    failed: number;
    firstError: string | undefined;
    holdSeconds: number;
    /** Engine RSS samples while every stream was held. */
    rssMb: number[];
    /** Engine CPU while held, percent of one core. */
    cpuPercent: number;
  };
  soak: {
    scenario: string;
    seconds: number;
    requests: number;
    /** non-2xx + errors + timeouts. */
    failures: number;
    /** The failures by kind, as autocannon counts them: `errors` are connection errors, `timeouts` included. */
    non2xx: number;
    errors: number;
    timeouts: number;
    /** Engine RSS sampled over the run, in order. */
    rssMb: number[];
    cpuMsPerRequest: number;
  };
}

export interface LoadCheck {
  check: string;
  target: string;
  measured: string;
  meets: boolean;
}

/** Issue 16's targets (issue 7 set the checks). */
export const LOAD_TARGETS = { startToFirstRequestMs: 300, idleRssMb: 80, peakRssMb: 150, rssGrowth: 0.1 } as const;

const mb = (value: number | undefined) => `${(value ?? Number.NaN).toFixed(1)} MB`;

const range = (spread: Spread, format: (value: number) => string) => `${format(spread.min)}-${format(spread.max)}`;

export function loadChecks(measured: LoadMeasurements): LoadCheck[] {
  const { idle, soak } = measured;
  const startMs = spreadOf(measured.starts.map((start) => start.toFirstRequestMs));
  const startCpuMs = spreadOf(measured.starts.map((start) => start.cpuMs));
  const idleRssMb = spreadOf(measured.starts.map((start) => start.idleRssMb));
  const ms = (value: number) => value.toFixed(0);
  const ofStarts = `median of ${measured.starts.length}`;
  const first = soak.rssMb[0] ?? Number.NaN;
  const last = soak.rssMb.at(-1) ?? Number.NaN;
  const peak = Math.max(...soak.rssMb);
  return [
    {
      check: 'headless start -> first served request',
      target: `<= ${LOAD_TARGETS.startToFirstRequestMs} ms`,
      measured: `${ms(startMs.median)} ms (${range(startMs, ms)}; engine CPU ${ms(startCpuMs.median)} ms, ${range(startCpuMs, ms)}), ${ofStarts}`,
      meets: startMs.median <= LOAD_TARGETS.startToFirstRequestMs,
    },
    {
      check: 'idle RSS after start',
      target: `<= ${LOAD_TARGETS.idleRssMb} MB`,
      measured: `${mb(idleRssMb.median)} (${range(idleRssMb, (value) => value.toFixed(1))}), ${ofStarts}`,
      meets: idleRssMb.median <= LOAD_TARGETS.idleRssMb,
    },
    {
      check: `${idle.streams} idle streams held ${idle.holdSeconds} s`,
      target: 'all open, 0 failed',
      measured: `${idle.opened} open, ${idle.failed} failed${idle.firstError ? ` (${idle.firstError})` : ''}; RSS peak ${mb(Math.max(...idle.rssMb))}, CPU ${idle.cpuPercent.toFixed(1)}%`,
      meets: idle.opened === idle.streams && idle.failed === 0,
    },
    {
      check: `${soak.scenario}, ${soak.seconds} s`,
      target: '0 errors',
      measured: `${soak.requests} requests, ${soak.failures} errors${soak.failures > 0 ? ` (${soak.non2xx} non-2xx, ${soak.errors} connection errors of which ${soak.timeouts} timeouts)` : ''}, ${soak.cpuMsPerRequest.toFixed(3)} CPU ms/req`,
      meets: soak.failures === 0 && soak.requests > 0,
    },
    {
      check: 'RSS over that run (first / last / peak)',
      target: `flat: last <= first + ${LOAD_TARGETS.rssGrowth * 100}%`,
      measured: `${mb(first)} / ${mb(last)} / ${mb(peak)}`,
      meets: last <= first * (1 + LOAD_TARGETS.rssGrowth),
    },
    {
      check: 'peak RSS at 64 streams',
      target: `<= ${LOAD_TARGETS.peakRssMb} MB`,
      measured: mb(peak),
      meets: peak <= LOAD_TARGETS.peakRssMb,
    },
  ];
}

export function formatLoadTable(checks: LoadCheck[]): string {
  return renderColumns([['load check', 'target', 'measured', 'verdict'], ...checks.map((check) => [check.check, check.target, check.measured, check.meets ? 'PASS' : 'FAIL'])]);
}
