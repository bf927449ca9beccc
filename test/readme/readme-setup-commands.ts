/**
 * The README's set-up commands, read from the first code block under `## Set up`, and what
 * `npm run test:readme` (run-fresh-clone-check.ts) does with each. A command it does not know fails the
 * plan, so the README cannot gain a step the check silently passes over.
 */
type StepAction = { action: 'install' | 'serve' } | { action: 'skip'; reason: string };
export type SetupStep = StepAction & { command: string };

const KNOWN_STEPS: Readonly<Record<string, StepAction>> = {
  'npm install': { action: 'install' },
  'npm run serve': { action: 'serve' },
  'npm start': { action: 'skip', reason: 'opens the Electron app, whose binary cannot be downloaded here' },
  'npm test': { action: 'skip', reason: 'the whole test suite, run on its own (.ci/run)' },
};

/** The commands of the set-up block, comments (`# ...`) and blank lines dropped. */
export function readSetupCommands(readme: string): string[] {
  const section = /^## Set up\s*$([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Set up" section');
  const block = /^```[^\n]*\n([\s\S]*?)^```/m.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md\'s "## Set up" section has no code block');
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** One step per command, in README order; throws on a command the check does not know how to run. */
export function planSetupSteps(commands: readonly string[]): SetupStep[] {
  const steps = commands.map((command) => {
    const known = KNOWN_STEPS[command];
    if (known === undefined) throw new Error(`README set-up command '${command}' is not exercised by npm run test:readme: teach test/readme/readme-setup-commands.ts what to do with it`);
    return { command, ...known };
  });
  for (const action of ['install', 'serve'] as const) {
    if (!steps.some((step) => step.action === action)) throw new Error(`README's set-up block lost its '${action}' command`);
  }
  return steps;
}
