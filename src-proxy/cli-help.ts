/**
 * `cliproxy --help`, `-h`, `help [COMMAND]` and `cliproxy COMMAND --help`: the text to print, taken from
 * the CLI's one usage text so a subcommand's help never drifts from the overview. Undefined when the
 * arguments do not ask for help (an unknown command with --help is left to the CLI's own error).
 */
export function helpRequested(argv: readonly string[], usage: string): string | undefined {
  const [first, ...rest] = argv;
  if (first === undefined) return undefined;
  if (isHelpFlag(first) || first === 'help') {
    const topic = rest.filter((word) => !isHelpFlag(word)).join(' ');
    return topic === '' ? usage : (usageFor(topic, usage) ?? usage);
  }
  if (!rest.some(isHelpFlag)) return undefined;
  const positionals = rest.filter((word) => !word.startsWith('-'));
  return usageFor([first, positionals[0]].filter(Boolean).join(' '), usage) ?? usageFor(first, usage);
}

function isHelpFlag(word: string): boolean {
  return word === '--help' || word === '-h';
}

/** The usage lines of `command` (e.g. 'serve', 'login', 'login codex') with their continuation lines, plus the footer. */
function usageFor(command: string, usage: string): string | undefined {
  const [body = '', ...footer] = usage.split('\n\n');
  const lines = body.split('\n').slice(1);
  const picked: string[] = [];
  let inCommand = false;
  for (const line of lines) {
    if (/^ {2}cliproxy /.test(line)) inCommand = line === `  cliproxy ${command}` || line.startsWith(`  cliproxy ${command} `);
    if (inCommand) picked.push(line);
  }
  if (picked.length === 0) return undefined;
  return [`Usage:\n${picked.join('\n')}`, ...footer].join('\n\n');
}
