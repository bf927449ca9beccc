import type { AuthRecordSource } from '../auth-store/auth-record-source';

/**
 * Copies every auth file of `from` into `to` byte for byte, usable or not (a CLIProxyAPI auth-dir moves
 * into the team store and back out unchanged: `cliproxy store import|export`). Resolves with the names.
 */
export async function copyAuthFiles(from: AuthRecordSource, to: AuthRecordSource): Promise<string[]> {
  const texts = await from.readAll();
  for (const [name, text] of texts) await to.write(name, text);
  return [...texts.keys()];
}
