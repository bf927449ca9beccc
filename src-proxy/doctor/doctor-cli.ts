import type { DoctorCheck, DoctorReport } from '../../src-shared/control/doctor-types';
import { AuthStore } from '../auth-store/auth-store';
import { formatConfigProblems, loadConfigFile } from '../config/load-config';
import { providerByAuthFileType } from '../providers/registry';
import { providerOrigins } from './provider-origins';
import { runDoctor } from './run-doctor';

const marks: Readonly<Record<DoctorCheck['status'], string>> = { ok: ' ok ', warning: 'warn', error: 'FAIL', skipped: 'skip' };

/** The report as terminal lines: `[ ok ] Title: explanation`, then `       fix: ...` where there is one. */
export function formatDoctorReport(report: DoctorReport): string {
  return report.checks.map((check) => `[${marks[check.status]}] ${check.title}: ${check.explanation}${check.fix ? `\n       fix: ${check.fix}` : ''}`).join('\n');
}

/**
 * `cliproxy doctor`: the checks of docs/doctor.md without a running engine (the listener's port is probed
 * instead). Exit code 1 when a check is an error, 0 otherwise (warnings included).
 */
export async function runDoctorCommand(configPath: string, usagePath: string, out: NodeJS.WritableStream, probe: { origins?: readonly string[]; timeoutMs?: number } = {}): Promise<number> {
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
  const report = await runDoctor({ config: loaded.config, authStore, usagePath, origins, ...(probe.timeoutMs ? { timeoutMs: probe.timeoutMs } : {}) });
  out.write(`${formatDoctorReport(report)}\n`);
  return report.checks.some((check) => check.status === 'error') ? 1 : 0;
}
