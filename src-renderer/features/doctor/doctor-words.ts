import type { DoctorCheck } from '../../../src-shared/control/doctor-types';
import type { StatusTone } from '../../ui/status-tone';

const words: Readonly<Record<DoctorCheck['status'], { tone: StatusTone; label: string }>> = {
  ok: { tone: 'ok', label: 'OK' },
  warning: { tone: 'busy', label: 'Warning' },
  error: { tone: 'error', label: 'Problem' },
  skipped: { tone: 'neutral', label: 'Skipped' },
};

/** A check's status as a chip. */
export function doctorStatusWords(status: DoctorCheck['status']): { tone: StatusTone; label: string } {
  return words[status];
}

/** Problems first, then warnings, then the rest in the engine's order: what needs doing is on top. */
export function sortDoctorChecks(checks: readonly DoctorCheck[]): DoctorCheck[] {
  const rank: Readonly<Record<DoctorCheck['status'], number>> = { error: 0, warning: 1, ok: 2, skipped: 3 };
  return checks.map((check, index) => ({ check, index })).sort((left, right) => rank[left.check.status] - rank[right.check.status] || left.index - right.index).map(({ check }) => check);
}

/** "2 problems, 1 warning" / "Everything looks fine". */
export function summarizeDoctor(checks: readonly DoctorCheck[]): string {
  const errors = checks.filter((check) => check.status === 'error').length;
  const warnings = checks.filter((check) => check.status === 'warning').length;
  if (errors === 0 && warnings === 0) return 'Everything looks fine.';
  const parts = [errors > 0 ? `${errors} problem${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${parts.join(', ')}.`;
}
