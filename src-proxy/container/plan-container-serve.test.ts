import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeContainerPlan, planContainerServe, type ContainerLayout } from './plan-container-serve';

/** The image's layout, rooted in a temp folder: <root>/CLIProxyAPI/config.yaml (the guide's) and <root>/data (ours). */
const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function layout(): Promise<ContainerLayout> {
  const root = await mkdtemp(join(tmpdir(), 'cliproxy-container-'));
  roots.push(root);
  await mkdir(join(root, 'CLIProxyAPI'));
  await mkdir(join(root, 'data'));
  return { guideConfig: join(root, 'CLIProxyAPI', 'config.yaml'), dataDir: join(root, 'data') };
}

describe('planContainerServe', () => {
  it("serves the guide's mounted /CLIProxyAPI/config.yaml as it is, on every interface when it has api-keys", async () => {
    const paths = await layout();
    const text = 'host: ""\nport: 8317\napi-keys: ["your-api-key-1"]\nauth-dir: ~/.cli-proxy-api\n';
    await writeFile(paths.guideConfig, text);
    expect(await planContainerServe({}, {}, paths)).toEqual({ configPath: paths.guideConfig, host: '0.0.0.0', createdApiKey: null });
    expect(await readFile(paths.guideConfig, 'utf8')).toBe(text);
  });

  it('creates config.yaml in the mounted data folder on a first run, with a client key and auths/ beside it, and reports the key once', async () => {
    const paths = await layout();
    const plan = await planContainerServe({}, {}, paths);
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.configPath).toBe(join(paths.dataDir, 'config.yaml'));
    expect(plan.host).toBe('0.0.0.0');
    expect(plan.createdApiKey).toMatch(/^sk-cliproxy-/);
    const written = await readFile(plan.configPath, 'utf8');
    expect(written).toContain(plan.createdApiKey as string);
    expect(written).toContain(`auth-dir: ${JSON.stringify(join(paths.dataDir, 'auths'))}`);
    expect(describeContainerPlan(plan)).toContain(`API key:  ${plan.createdApiKey}`);
    const again = await planContainerServe({}, {}, paths);
    expect(again).toEqual({ ...plan, createdApiKey: null });
  });

  it('lets CLIPROXY_CONFIG (already read into the settings) win over both image paths', async () => {
    const paths = await layout();
    await writeFile(paths.guideConfig, 'api-keys: [guide]\n');
    const own = join(paths.dataDir, 'elsewhere.yaml');
    await writeFile(own, 'api-keys: [own]\n');
    expect(await planContainerServe({}, { configPath: own }, paths)).toMatchObject({ configPath: own });
  });

  it('refuses to listen on every interface without api-keys, and stays inside the container when CLIPROXY_HOST says so', async () => {
    const paths = await layout();
    await writeFile(paths.guideConfig, 'api-keys: []\n');
    const refused = await planContainerServe({}, {}, paths);
    expect(refused).toEqual({ error: expect.stringMatching(/has no api-keys.*open proxy.*CLIPROXY_HOST=127\.0\.0\.1/) });
    const local = await planContainerServe({ CLIPROXY_HOST: '127.0.0.1' }, {}, paths);
    if ('error' in local) throw new Error(local.error);
    expect(local.host).toBe('127.0.0.1');
    expect(describeContainerPlan(local)).toContain('host: 127.0.0.1\n');
  });

  it('explains the folder Docker creates when the host file given to -v does not exist', async () => {
    const paths = await layout();
    await mkdir(paths.guideConfig);
    expect(await planContainerServe({}, {}, paths)).toEqual({ error: expect.stringMatching(/is a folder, not a file: Docker creates one/) });
  });

  it('reports an invalid config with its problems', async () => {
    const paths = await layout();
    await writeFile(paths.guideConfig, 'port: lots\napi-keys: [k]\n');
    expect(await planContainerServe({}, {}, paths)).toEqual({ error: expect.stringMatching(/config\.yaml:1:\d+: port/) });
  });
});
