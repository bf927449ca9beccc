import { readFileSync } from 'node:fs';

/**
 * The node flags `cliproxy` runs with: those on the `#!/usr/bin/env -S node ...` line of bin/cliproxy.js
 * (the V8 heap settings of the headless engine), so the load checks measure the engine as it ships.
 */
export function shippedNodeFlags(binText = readFileSync(new URL('../bin/cliproxy.js', import.meta.url), 'utf8')): string[] {
  const shebang = binText.split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env\s+(?:-S\s+)?node((?:\s+--\S+)*)\s*$/.exec(shebang);
  if (!match) throw new Error(`bin/cliproxy.js does not start with a node shebang: ${shebang}`);
  return (match[1] ?? '').split(/\s+/).filter((flag) => flag !== '');
}
