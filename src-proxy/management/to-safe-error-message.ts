/**
 * Turns anything thrown by an operation into a message fit for a UI: first line only (never a stack),
 * bounded length, and anything that looks like a credential replaced (ARCHITECTURE.md principle 7).
 */
const MAX_LENGTH = 300;
const FALLBACK = 'The operation failed.';

const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+\S+/gi,
  /\b(?:sk|pk|rk|AIza|ya29|gho|ghp)[-_.][A-Za-z0-9_\-.]{6,}/g,
  /\b(api[-_]?key|secret[-_]?key|secret|token|password|key)\s*[=:]\s*\S+/gi,
  // Long opaque runs (keys, JWTs, hashes) that none of the above named.
  /[A-Za-z0-9_\-+/=.]{32,}/g,
];

export function toSafeErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine = raw.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (firstLine === '') return FALLBACK;
  const redacted = SECRET_PATTERNS.reduce(
    (text, pattern) => text.replace(pattern, (match, label: unknown) => redactMatch(match, label)),
    firstLine,
  );
  return redacted.length > MAX_LENGTH ? `${redacted.slice(0, MAX_LENGTH - 1)}…` : redacted;
}

/** Keeps a leading label ("Bearer", "api-key=") so the message still says what was there. */
function redactMatch(match: string, label: unknown): string {
  if (typeof label !== 'string' || label === '') return '[redacted]';
  const separator = match.slice(label.length).match(/^\s*[=:]?\s*/)?.[0] ?? ' ';
  return `${label}${separator}[redacted]`;
}
