/** 'alice@example.com' -> 'a•••e@example.com': enough to tell accounts apart in a screenshot. */
export function maskEmail(text: string): string {
  const at = text.indexOf('@');
  if (at === -1) return text;
  const name = text.slice(0, at);
  const shown = name.length <= 2 ? `${name.slice(0, 1)}•••` : `${name.slice(0, 1)}•••${name.slice(-1)}`;
  return `${shown}${text.slice(at)}`;
}
