import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The release workflow cannot run here (it needs GitHub's macOS, Windows and Linux runners), so its
 * structure is checked instead: a job per OS, the steps that build, sign, publish and launch, secrets only
 * through `secrets.*`, every action pinned to a version. And the update feed it publishes for.
 */
const root = join(import.meta.dirname, '..', '..');
const step = z.object({ name: z.string().optional(), uses: z.string().optional(), run: z.string().optional(), shell: z.string().optional(), if: z.string().optional(), env: z.record(z.string(), z.string()).optional(), with: z.record(z.string(), z.unknown()).optional() }).strict();
const workflowSchema = z.object({
  name: z.string(),
  on: z.object({ push: z.object({ tags: z.array(z.string()) }), workflow_dispatch: z.null() }),
  permissions: z.object({ contents: z.literal('write') }),
  env: z.record(z.string(), z.string()),
  jobs: z.record(z.string(), z.object({ 'runs-on': z.string(), 'timeout-minutes': z.number(), steps: z.array(step) }).strict()),
});
const workflowText = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8');
const workflow = workflowSchema.parse(parse(workflowText));
type Step = z.infer<typeof step>;

const jobOn = (runner: RegExp) => {
  const job = Object.values(workflow.jobs).find((each) => runner.test(each['runs-on']));
  if (job === undefined) throw new Error(`no job runs on ${runner}`);
  return job;
};
const jobs = { macos: jobOn(/^macos-/), windows: jobOn(/^windows-/), linux: jobOn(/^ubuntu-/) };
const runs = (steps: Step[]) => steps.flatMap((each) => (each.run === undefined ? [] : [each.run]));
const packageStep = (steps: Step[]) => {
  const found = steps.find((each) => each.run?.includes('npm run package') === true);
  if (found === undefined) throw new Error('no package step');
  return found;
};

describe('release workflow (.github/workflows/release.yml)', () => {
  it('runs on version tags and by hand, with one job per OS', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(Object.keys(workflow.jobs)).toHaveLength(3);
  });

  it('every job checks out, installs with npm ci, packages, launches the built app and keeps the artifacts', () => {
    for (const [os, job] of Object.entries(jobs)) {
      const uses = job.steps.flatMap((each) => (each.uses === undefined ? [] : [each.uses.split('@')[0]]));
      expect(uses, os).toEqual(expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'actions/upload-artifact']));
      expect(runs(job.steps), os).toContain('npm ci');
      expect(runs(job.steps).some((run) => run.includes('npx tsx scripts/smoke-launch.ts')), os).toBe(true);
      const order = (match: (each: Step) => boolean) => job.steps.findIndex(match);
      expect(order((each) => each.run === 'npm ci')).toBeLessThan(order((each) => each === packageStep(job.steps)));
      expect(order((each) => each === packageStep(job.steps))).toBeLessThan(order((each) => each.run?.includes('smoke-launch') === true));
    }
  });

  it('builds what each platform ships and updates from', () => {
    expect(packageStep(jobs.macos.steps).run).toMatch(/--mac --x64 --arm64/);
    expect(packageStep(jobs.windows.steps).run).toMatch(/--win --x64/);
    expect(packageStep(jobs.linux.steps).run).toMatch(/--linux --x64/);
    const uploaded = (job: { steps: Step[] }) => String(job.steps.find((each) => each.uses?.startsWith('actions/upload-artifact') === true)?.with?.path ?? '');
    expect(uploaded(jobs.macos)).toMatch(/\*\.dmg[\s\S]*\*\.zip[\s\S]*latest-mac\.yml/);
    expect(uploaded(jobs.windows)).toMatch(/\*\.exe[\s\S]*\*\.blockmap[\s\S]*latest\.yml/);
    expect(uploaded(jobs.linux)).toMatch(/\*\.AppImage[\s\S]*\*\.deb[\s\S]*latest-linux\.yml/);
    // Both Linux packages are launched: the AppImage and the installed deb.
    expect(runs(jobs.linux.steps).filter((run) => run.includes('smoke-launch'))).toHaveLength(2);
  });

  it('publishes the feed on tags only, to the repository it runs in, with the workflow token', () => {
    expect(workflow.env.PUBLISH).toBe("${{ startsWith(github.ref, 'refs/tags/v') && 'always' || 'never' }}");
    expect(workflow.env.FEED_ARGS).toBe('-c.publish.owner=${{ github.repository_owner }} -c.publish.repo=${{ github.event.repository.name }}');
    for (const job of Object.values(jobs)) {
      const pack = packageStep(job.steps);
      expect(pack.run).toContain('--publish "$PUBLISH" $FEED_ARGS');
      expect(pack.env?.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    }
  });

  it('signs with the certificate and notarization secrets when they exist', () => {
    const macEnv = packageStep(jobs.macos.steps).env ?? {};
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) expect(macEnv[name], name).toBe(`\${{ secrets.${name} }}`);
    const winEnv = packageStep(jobs.windows.steps).env ?? {};
    for (const name of ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD']) expect(winEnv[name], name).toBe(`\${{ secrets.${name} }}`);
  });

  it('reaches secrets only through secrets.* in env, never inline in a script', () => {
    const secretNames = /CSC_LINK|CSC_KEY_PASSWORD|APPLE_ID|APPLE_APP_SPECIFIC_PASSWORD|APPLE_TEAM_ID|GH_TOKEN|GITHUB_TOKEN/;
    for (const job of Object.values(workflow.jobs)) {
      for (const each of job.steps) {
        expect(each.run ?? '').not.toMatch(/secrets\./);
        for (const [name, value] of Object.entries(each.env ?? {})) {
          if (secretNames.test(name) || value.includes('secrets.')) expect(value, name).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
        }
      }
    }
    expect(workflowText).not.toMatch(/-----BEGIN|ghp_[A-Za-z0-9]{10,}|github_pat_/);
  });

  it('pins every action to a release version or a commit', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((each) => (each.uses === undefined ? [] : [each.uses])));
    expect(uses.length).toBeGreaterThanOrEqual(9);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });
});

describe('electron-builder.yml: the update feed', () => {
  const config = z
    .object({
      publish: z.object({ provider: z.string(), owner: z.string(), repo: z.string() }),
      mac: z.object({ target: z.array(z.object({ target: z.string(), arch: z.array(z.string()) })) }),
      linux: z.object({ target: z.array(z.string()) }),
      win: z.object({ target: z.string() }),
    })
    .parse(parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')));

  it('publishes to GitHub releases (owner and repo set by the maintainer or the workflow)', () => {
    expect(config.publish).toMatchObject({ provider: 'github', owner: 'OWNER', repo: 'REPO' });
  });

  it('builds the targets electron-updater installs from: the macOS zip for both arches, NSIS, AppImage', () => {
    expect(config.mac.target).toEqual(expect.arrayContaining([{ target: 'zip', arch: ['x64', 'arm64'] }, { target: 'dmg', arch: ['x64', 'arm64'] }]));
    expect(config.win.target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });
});
