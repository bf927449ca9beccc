import type { CanonicalStreamPart } from '../../src-proxy/canonical/index';

/**
 * The stream invariants of ARCHITECTURE.md section 5, as a list of violations (empty = conformant):
 * `response-start` first; every `*-start` has one matching `*-end`; deltas only inside their block;
 * block indexes unique; exactly one `finish` (or an `error`), and nothing after it.
 */
export function streamInvariantViolations(parts: readonly CanonicalStreamPart[]): string[] {
  const problems: string[] = [];
  if (parts[0]?.type !== 'response-start') problems.push(`first part is ${parts[0]?.type ?? 'missing'}, not response-start`);
  const open = new Map<number, string>();
  const used = new Set<number>();
  let terminal = -1;
  parts.forEach((part, position) => {
    if (terminal !== -1) problems.push(`${part.type} at ${position} after the terminal part`);
    const family = blockFamily(part.type);
    if (part.type === 'finish' || part.type === 'error') {
      terminal = position;
      for (const [index, kind] of open) problems.push(`${kind} block ${index} still open at ${part.type}`);
      return;
    }
    if (!family || !('index' in part)) return;
    if (part.type.endsWith('-start')) {
      if (used.has(part.index)) problems.push(`block index ${part.index} reused at ${position}`);
      used.add(part.index);
      open.set(part.index, family);
    } else if (open.get(part.index) !== family) {
      problems.push(`${part.type} at ${position} for block ${part.index} that is not an open ${family} block`);
    } else if (part.type.endsWith('-end')) {
      open.delete(part.index);
    }
  });
  if (terminal === -1) problems.push('no finish or error part');
  if (parts.filter((part) => part.type === 'finish').length > 1) problems.push('more than one finish');
  return problems;
}

function blockFamily(type: CanonicalStreamPart['type']): string | undefined {
  if (type.startsWith('text-')) return 'text';
  if (type.startsWith('reasoning-')) return 'reasoning';
  if (type.startsWith('tool-call-')) return 'tool-call';
  return undefined;
}
