import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSetupSteps, readSetupCommands } from './readme-setup-commands';

const readmeWith = (block: string) => `# App\n\n## Set up\n\nIntro.\n\n\`\`\`\n${block}\`\`\`\n\nMore text.\n\n\`\`\`\nnot-a-setup-command\n\`\`\`\n\n## Next\n`;

describe("the README's set-up commands, as npm run test:readme runs them", () => {
  it('reads the first code block of "## Set up", without comments', () => {
    expect(readSetupCommands(readmeWith('npm install\nnpm run serve      # the engine\n\n'))).toEqual(['npm install', 'npm run serve']);
  });

  it('refuses a command it does not know, and a block without install or serve', () => {
    expect(() => planSetupSteps(['npm install', 'npm run serve', 'npm run build'])).toThrow(/'npm run build' is not exercised/);
    expect(() => planSetupSteps(['npm install', 'npm start'])).toThrow(/lost its 'serve'/);
    expect(() => readSetupCommands('# App\n\n## Usage\n')).toThrow(/no "## Set up"/);
  });

  it("the project README's block is one the check can run (install, serve; npm start and npm test skipped with a reason)", async () => {
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const steps = planSetupSteps(readSetupCommands(readme));
    expect(steps.map((step) => step.action)).toContain('install');
    expect(steps.filter((step) => step.action === 'skip').every((step) => 'reason' in step && step.reason !== '')).toBe(true);
  });
});
