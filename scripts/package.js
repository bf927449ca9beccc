#!/usr/bin/env node
// `npm run package`: electron-builder with the macOS signing identity chosen from the environment. With a
// certificate (CSC_LINK or CSC_NAME) or keychain discovery asked for, electron-builder picks the Developer
// ID and notarizes when APPLE_* credentials are set; without one it would skip signing entirely, so the
// app is signed ad-hoc (identity "-") instead: an unsigned arm64 build opens as "damaged" and macOS drops
// its notifications (https://www.electron.build/docs/features/code-signing/code-signing-mac/).
import { spawnSync } from 'node:child_process';

export function macIdentityArgs(env) {
  const hasIdentity = Boolean(env.CSC_LINK || env.CSC_NAME || env.CSC_IDENTITY_AUTO_DISCOVERY === 'true');
  return hasIdentity ? [] : ['-c.mac.identity=-'];
}

/**
 * Nothing is uploaded unless the caller asks (`npm run package -- --publish always`, the release workflow):
 * a local build must not publish to the feed because a GH_TOKEN happens to be set.
 */
export function publishArgs(args) {
  return args.some((arg) => arg === '--publish' || arg === '-p' || arg.startsWith('--publish=')) ? [] : ['--publish', 'never'];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const extra = process.argv.slice(2);
  const args = ['electron-builder', ...publishArgs(extra), ...macIdentityArgs(process.env), ...extra];
  const result = spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
