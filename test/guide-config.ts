import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');

/**
 * The examples of the configuration guide most users copy from (`guide-config.yaml`) live beside the
 * repository, in `../shared/fixtures/`. In a git worktree "beside the repository" is beside the main
 * checkout, found through the `.git` file's `gitdir:` line.
 */
function candidatePaths(): string[] {
  const paths = [join(repoRoot, '..', 'shared', 'fixtures', 'guide-config.yaml')];
  const dotGit = join(repoRoot, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    // <main>/.git/worktrees/<name> -> <main>
    if (gitdir) paths.push(join(dirname(dirname(dirname(resolve(repoRoot, gitdir)))), '..', 'shared', 'fixtures', 'guide-config.yaml'));
  }
  return paths;
}

/** Path of the guide's example config; throws, naming where it looked, when it is absent. */
export function guideConfigPath(): string {
  const paths = candidatePaths();
  const found = paths.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`the guide's example config is missing; looked for it at: ${paths.join(', ')}`);
  return found;
}

export function readGuideConfig(): string {
  return readFileSync(guideConfigPath(), 'utf8');
}
