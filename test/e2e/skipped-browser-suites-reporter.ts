import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { browserAvailable, skippedBrowserSuitesLine } from './browser-availability';

/**
 * A vitest reporter beside the default one (vitest.config.ts): after the run, one line naming the browser
 * suites that were skipped for want of Chromium and how to enable them, so a local `npm test` never passes
 * them over in silence. Prints nothing when they ran (or CI made them fail).
 */
export default class SkippedBrowserSuitesReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const root = this.vitest?.config.root ?? process.cwd();
    const line = skippedBrowserSuitesLine(testModules.map((testModule) => testModule.moduleId), browserAvailable, root);
    if (line === null) return;
    if (this.vitest === undefined) process.stdout.write(`\n${line}\n`);
    else this.vitest.logger.log(`\n${line}\n`);
  }
}
