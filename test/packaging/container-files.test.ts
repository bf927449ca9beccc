import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IMAGE_LAYOUT } from '../../src-proxy/container/plan-container-serve';

/**
 * No Docker engine here, so the image is never built: this checks that the Dockerfile and compose file
 * agree with the entrypoint's code (paths, command) and keep the promises README "Run headless" makes.
 */
const root = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

/** The Dockerfile's instructions of the final stage, continuation lines joined. */
function finalStage(): string[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const lastFrom = lines.findLastIndex((line) => line.startsWith('FROM '));
  return lines.slice(lastFrom);
}

describe('Dockerfile', () => {
  const stage = finalStage();
  const instruction = (name: string) => stage.filter((line) => line.startsWith(`${name} `));

  it('is multi-stage on a slim Node 20 base, and the final stage runs as the unprivileged node user', () => {
    expect(dockerfile.match(/^FROM node:20-bookworm-slim/gm)).toHaveLength(2);
    expect(instruction('USER')).toEqual(['USER node']);
  });

  it("starts cliproxy container and prepares the paths its code looks at: the guide's and our data folder", () => {
    expect(instruction('ENTRYPOINT')).toEqual(['ENTRYPOINT ["cliproxy", "container"]']);
    const mkdir = instruction('RUN').join('\n');
    for (const folder of [IMAGE_LAYOUT.dataDir, IMAGE_LAYOUT.guideConfig.replace(/\/config\.yaml$/, ''), '/root/.cli-proxy-api']) expect(mkdir).toContain(folder);
    expect(instruction('ENV').join(' ')).toContain('HOME=/root');
    expect(instruction('VOLUME')).toEqual([`VOLUME ["${IMAGE_LAYOUT.dataDir}"]`]);
  });

  it('checks its health on /healthz of the default port', () => {
    expect(instruction('HEALTHCHECK').join('')).toMatch(/http:\/\/127\.0\.0\.1:8317\/healthz/);
    expect(instruction('EXPOSE')).toEqual(['EXPOSE 8317']);
  });
});

describe('docker-compose.yml', () => {
  const service = (parse(composeText) as { services: Record<string, Record<string, unknown>> }).services['cli-proxy-api'];

  it('restarts unless stopped, gives the drain time to finish, and publishes 8317', () => {
    expect(service).toMatchObject({ restart: 'unless-stopped', init: true, stop_grace_period: '15s', ports: ['8317:8317'] });
  });

  it("mounts our data folder, and shows the guide's two mounts as they are", () => {
    expect(service?.volumes).toEqual([`./data:${IMAGE_LAYOUT.dataDir}`]);
    expect(composeText).toContain(`# - ./config.yaml:${IMAGE_LAYOUT.guideConfig}`);
    expect(composeText).toContain('# - ./auths:/root/.cli-proxy-api');
  });
});
