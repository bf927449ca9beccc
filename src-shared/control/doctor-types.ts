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
  /** Only when a hello was asked for (`cliproxy doctor --hello`, `GET /doctor?hello=`). */
  hellos?: DoctorHello[];
}

/**
 * The doctor's per-account "hello" (docs/doctor.md#hello): one tiny completion sent through exactly that
 * account, only when asked. `ok` with the time to the whole answer, or the upstream's own error.
 */
export interface DoctorHello {
  /** The account as `accounts.list` names it (auth file name or config entry id). */
  account: string;
  /** What the user recognises (email, entry name); never a key. */
  label: string;
  provider: string;
  /** The model asked; null when the account serves none the doctor could pick. */
  model: string | null;
  ok: boolean;
  /** Milliseconds from sending to the whole answer; null when nothing came back. */
  latencyMs: number | null;
  /** The upstream's HTTP status; null for a network failure or when nothing was sent. */
  status: number | null;
  /** The upstream's error message (or why nothing was sent); null when `ok`. */
  error: string | null;
  /** Epoch ms. */
  checkedAt: number;
}
