import type { Readable, Writable } from 'node:stream';
import { ensureConfigFile } from './config/create-default-config';
import { storeManagementKey } from './management/store-management-key';

/** The streams the command talks through; a terminal's stdin has `isTTY` and `setRawMode`. */
export interface KeyCommandIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  stdout: Writable;
  stderr: Writable;
}

/**
 * `cliproxy set-management-key [KEY]`: the key from the argument, else typed twice at a hidden prompt
 * on a terminal, else the first line of piped stdin (`echo "$KEY" | cliproxy set-management-key`). Stores
 * its bcrypt hash in the config (created first on a fresh machine) and never prints the key.
 */
export async function runSetManagementKey(configPath: string, positionals: readonly string[], io: KeyCommandIo): Promise<number> {
  if (positionals.length > 1) return fail(io, 'cliproxy set-management-key takes at most one key.');
  const fromArgument = positionals[0];
  if (fromArgument !== undefined) io.stderr.write('note: a key given as an argument stays in your shell history; the prompt or stdin avoids that.\n');
  let key: string;
  try {
    key = fromArgument ?? (io.stdin.isTTY === true ? await promptTwice(io) : await readFirstLine(io.stdin));
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error));
  }
  const created = await ensureConfigFile(configPath);
  if (created.created) io.stdout.write(`Created ${configPath} (with a new client API key under api-keys)\n`);
  const stored = await storeManagementKey(configPath, key);
  if (!stored.ok) return fail(io, stored.message);
  io.stdout.write(
    `${stored.replacedKey ? 'Replaced the' : 'Set the'} management key: its bcrypt hash is in ${configPath} (remote-management.secret-key).\n` +
      'Sign in to the control panel (/management.html) with it; a running engine takes it without a restart.\n',
  );
  return 0;
}

async function promptTwice(io: KeyCommandIo): Promise<string> {
  const key = await promptHidden(io, 'New management key: ');
  const again = await promptHidden(io, 'Once more: ');
  if (again !== key) throw new Error('The two keys differ; nothing was changed.');
  return key;
}

/** Reads one line from a terminal without echoing it. Ctrl-C cancels. */
export function promptHidden(io: KeyCommandIo, question: string): Promise<string> {
  const { stdin, stdout } = io;
  stdout.write(question);
  stdin.setRawMode?.(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stdout.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003' || char === '\u0004') return finish(() => reject(new Error('Cancelled; nothing was changed.')));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of a piped stdin, without its line ending. */
export async function readFirstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += (chunk as Buffer | string).toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

function fail(io: KeyCommandIo, message: string): number {
  io.stderr.write(`${message}\n`);
  return 1;
}
