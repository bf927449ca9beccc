/** One finding of the doctor (src-proxy/doctor/): what was checked, how it stands, and what to do. */
export interface DoctorCheck {
  /** Stable id, e.g. 'listener', 'callback-port:8085', 'reach:api.anthropic.com', 'clock'. */
  id: string;
  title: string;
  status: 'ok' | 'warning' | 'error' | 'skipped';
  /** What was found, for people (never a secret). */
  explanation: string;
  /** What to do about it; null when nothing needs doing. */
  fix: string | null;
}

export interface DoctorReport {
  /** Epoch ms. */
  checkedAt: number;
  checks: DoctorCheck[];
}
