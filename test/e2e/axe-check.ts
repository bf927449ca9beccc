import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** axe-core's own file, injected into the page under test (the context bypasses the panel's CSP for it). */
const AXE_SCRIPT = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

export interface AxeFinding {
  /** e.g. "dashboard light 1280" */
  where: string;
  violations: AxeViolation[];
}

/**
 * Runs axe (WCAG 2.0/2.1/2.2 A and AA rules and best practices) on the page at rest: colour transitions still
 * running (after a navigation or a colour-scheme switch) finish first, since axe measuring half-way reports a
 * contrast no user sees for more than 160 ms. Endless animations (a spinner) are not waited for.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(
    `Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))`,
  );
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.addScriptTag({ path: AXE_SCRIPT });
  // A string expression: this folder is typechecked without DOM types.
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
      .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  );
}

/** Counts by impact over every finding, and the whole report as JSON next to the screenshots. */
export async function writeAxeReport(path: string, findings: readonly AxeFinding[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const finding of findings) {
    for (const violation of finding.violations) counts[violation.impact ?? 'minor'] = (counts[violation.impact ?? 'minor'] ?? 0) + violation.nodes.length;
  }
  await writeFile(path, `${JSON.stringify({ counts, findings }, null, 2)}\n`);
  return counts;
}
