/** 'sk-cliproxy-0123…cdef': enough to recognise a key, not to use it. */
export function maskKey(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 2)}…`;
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}
