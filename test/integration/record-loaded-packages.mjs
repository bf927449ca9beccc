// Preloaded into a `cliproxy` child (`node --import`, cli-start-packages.test.ts): when the process exits it
// writes every package file it loaded to $CLIPROXY_LOADED_PACKAGES_FILE, one a line, as its path under
// node_modules (`undici/lib/dispatcher/agent.js`, `@fastify/error/index.js`). CommonJS modules come
// from require's cache; ES modules from a resolve hook, which runs on the loader thread and appends as it goes.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.CLIPROXY_LOADED_PACKAGES_FILE;
if (file === undefined) throw new Error('CLIPROXY_LOADED_PACKAGES_FILE is not set');
writeFileSync(file, '');

const packageFileOf = (path) => /.*node_modules\/((?:@[^/]+\/)?[^/]+\/.*)/.exec(path)?.[1];

const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const name = /.*node_modules\\/((?:@[^/]+\\/)?[^/]+\\/.*)/.exec(resolved.url)?.[1];
  if (name !== undefined) appendFileSync(${JSON.stringify(file)}, name + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const requireCache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const names = Object.keys(requireCache).map(packageFileOf).filter((name) => name !== undefined);
  appendFileSync(file, names.map((name) => `${name}\n`).join(''));
});
