import type { DoctorCheck, DoctorHello, DoctorReport } from '../../src-shared/control/doctor-types';
import { AuthStore } from '../auth-store/auth-store';
import { formatConfigProblems, loadConfigFile } from '../config/load-config';
import { providerByAuthFileType } from '../providers/registry';
import { providerOrigins } from './provider-origins';
import { runDoctor } from './run-doctor';

const marks: Readonly<Record<DoctorCheck['status'], string>> = { ok: ' ok ', warning: 'warn', error: 'FAIL', skipped: 'skip' };

/** The report as terminal lines: `[ ok ] Title: explanation`, then `       fix: ...` where there is one. */
export function formatDoctorReport(report: DoctorReport): string {
  const checks = report.checks.map((check) => `[${marks[check.status]}] ${check.title}: ${check.explanation}${check.fix ? `\n       fix: ${check.fix}` : ''}`);
  return [...checks, ...(report.hellos ?? []).map(formatHello)].join('\n');
}

/** `[ ok ] Hello claude a@b.com (claude-haiku-4-5): answered in 412 ms` / `[FAIL] Hello ...: HTTP 401: invalid x-api-key`. */
function formatHello(hello: DoctorHello): string {
  const subject = `Hello ${hello.label}${hello.model ? ` (${hello.model})` : ''}`;
  if (hello.ok) return `[${marks.ok}] ${subject}: answered in ${hello.latencyMs ?? 0} ms`;
  return `[${marks.error}] ${subject}: ${hello.status === null ? '' : `HTTP ${hello.status}: `}${hello.error ?? 'failed'}`;
}

export interface DoctorProbeOptions {
  origins?: readonly string[];
  timeoutMs?: number;
  /** `--hello`: one tiny completion through every served account (the CLI passes an engine's `doctor.hello`). */
  hellos?: () => Promise<DoctorHello[]>;
}

/**
 * `cliproxy doctor [--hello]`: the checks of docs/doctor.md without a running engine (the listener's port is
 * probed instead), and with `--hello` one request through each account. Exit code 1 when a check or a hello
 * failed, 0 otherwise (warnings included).
 */
export async function runDoctorCommand(configPath: string, usagePath: string, out: NodeJS.WritableStream, probe: DoctorProbeOptions = {}): Promise<number> {
  // A file that cannot be read is one of the problems (loadConfigFile never throws for it).
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) {
    out.write(`[FAIL] Config: ${formatConfigProblems(loaded.problems, configPath)}\n       fix: correct the file (\`cliproxy validate\` lists every problem), or run \`cliproxy serve\` once to create it.\n`);
    return 1;
  }
  const authStore = new AuthStore(loaded.config.authDir, { providerByType: providerByAuthFileType });
  await authStore.rescan().catch(() => undefined);
  // `probe`: tests aim the host probes at local fakes; the CLI probes the providers' own hosts.
  const origins = probe.origins ?? providerOrigins(loaded.config);
  const [report, hellos] = await Promise.all([
    runDoctor({ config: loaded.config, authStore, usagePath, origins, ...(probe.timeoutMs ? { timeoutMs: probe.timeoutMs } : {}) }),
    probe.hellos?.(),
  ]);
  out.write(`${formatDoctorReport(hellos ? { ...report, hellos } : report)}\n`);
  return report.checks.some((check) => check.status === 'error') || hellos?.some((hello) => !hello.ok) ? 1 : 0;
}
