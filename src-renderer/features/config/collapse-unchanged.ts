import type { DiffLine } from '../../../src-shared/line-diff';

/** A diff line to show, or a run of unchanged lines folded away. */
export type PreviewItem = DiffLine | { kind: 'folded'; count: number };

/** Keeps `context` unchanged lines around each change and folds longer unchanged runs, like a unified diff. */
export function collapseUnchanged(diff: readonly DiffLine[], context = 3): PreviewItem[] {
  const items: PreviewItem[] = [];
  let index = 0;
  while (index < diff.length) {
    const line = diff[index] as DiffLine;
    if (line.kind !== 'same') {
      items.push(line);
      index += 1;
      continue;
    }
    let end = index;
    while (end < diff.length && diff[end]?.kind === 'same') end += 1;
    const keepBefore = index === 0 ? 0 : context;
    const keepAfter = end === diff.length ? 0 : context;
    if (end - index <= keepBefore + keepAfter + 1) {
      items.push(...diff.slice(index, end));
    } else {
      items.push(...diff.slice(index, index + keepBefore));
      items.push({ kind: 'folded', count: end - index - keepBefore - keepAfter });
      items.push(...diff.slice(end - keepAfter, end));
    }
    index = end;
  }
  return items;
}
