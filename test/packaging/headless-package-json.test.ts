import { describe, expect, it } from 'vitest';
import { bundleImports, headlessPackageJson, HEADLESS_PACKAGE_NAME } from '../../scripts/headless/headless-package-json';

const bundle = `import { homedir } from "node:os";
import {
  request,
  Agent
} from "undici";
import Fastify from "fastify";
import multipart from "@fastify/multipart";
import "./side-effect.js";
import { parse } from "yaml/dist/index.js";
const text = "not an import: from \\"electron\\"";
const later = await import("better-sqlite3");
`;

const root = {
  version: '1.2.3',
  dependencies: { undici: '7.30.2', fastify: '5.12.8', '@fastify/multipart': '10.1.9', yaml: '2.9.1', 'better-sqlite3': '12.9.0', 'electron-store': '11.0.2', tsx: '4.23.15' },
};

describe('the headless package manifest', () => {
  it('finds the packages a bundle imports: static (also multi-line) and dynamic, scoped, by package name, not builtins, paths or strings', () => {
    expect(bundleImports(bundle)).toEqual(['@fastify/multipart', 'better-sqlite3', 'fastify', 'undici', 'yaml']);
  });

  it("depends on exactly those, at the app's pinned versions, with the cliproxy bin and Node 20+", () => {
    const manifest = headlessPackageJson(root, bundleImports(bundle));
    expect(manifest).toMatchObject({ name: HEADLESS_PACKAGE_NAME, version: '1.2.3', bin: { cliproxy: 'bin/cliproxy.js' }, engines: { node: '>=20.19' } });
    expect(manifest.dependencies).toEqual({ '@fastify/multipart': '10.1.9', 'better-sqlite3': '12.9.0', fastify: '5.12.8', undici: '7.30.2', yaml: '2.9.1' });
  });

  it('refuses a bundle importing a package the app does not depend on', () => {
    expect(() => headlessPackageJson(root, ['undici', 'left-pad'])).toThrow(/missing from package.json dependencies: left-pad/);
  });
});
