import { execFile } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { renderLaunchdPlist, LAUNCHD_LABEL } from './render-launchd-plist';
import { renderSystemdUnit, SYSTEMD_UNIT_NAME, type ServiceLaunch } from './render-systemd-unit';

export type ServiceAction = 'install' | 'uninstall' | 'status';
export const serviceActions: readonly ServiceAction[] = ['install', 'uninstall', 'status'];

export interface CommandResult {
  code: number;
  output: string;
}
/** Runs a system command (systemctl, launchctl); tests pass a recorder instead. */
export type CommandRunner = (command: string, args: string[]) => Promise<CommandResult>;

export interface ServiceContext {
  platform: NodeJS.Platform;
  homeDir: string;
  /** Numeric user id, for launchd's gui/<uid> domain. */
  uid: number;
  launch: ServiceLaunch;
  run: CommandRunner;
  /** Whether a command is on PATH (systemctl is missing in many containers and on WSL without systemd). */
  hasCommand(name: string): boolean;
  write(text: string): void;
}

/** `cliproxy service install|uninstall|status`; returns the exit code. */
export async function runServiceCommand(action: ServiceAction, context: ServiceContext): Promise<number> {
  if (context.platform === 'linux') return systemdService(action, context);
  if (context.platform === 'darwin') return launchdService(action, context);
  context.write(
    'cliproxy service manages a systemd user service (Linux) or a launchd agent (macOS). On Windows, start the engine with the desktop app: ' +
      'its tray menu and Settings have "Launch at login". For a server, run `cliproxy serve` under a service manager of your choice.\n',
  );
  return 1;
}

export function systemdUnitPath(homeDir: string): string {
  return join(homeDir, '.config', 'systemd', 'user', SYSTEMD_UNIT_NAME);
}

async function systemdService(action: ServiceAction, context: ServiceContext): Promise<number> {
  const unitPath = systemdUnitPath(context.homeDir);
  const systemctl = (...args: string[]) => ({ command: 'systemctl', args: ['--user', ...args] });
  if (action === 'install') {
    await mkdir(join(unitPath, '..'), { recursive: true });
    await writeFile(unitPath, renderSystemdUnit(context.launch), { mode: 0o644 });
    context.write(`Wrote ${unitPath}\n`);
    const steps = [systemctl('daemon-reload'), systemctl('enable', '--now', SYSTEMD_UNIT_NAME)];
    const code = await runSteps(steps, context);
    if (code === 0) context.write(`Started. Logs: journalctl --user -u ${SYSTEMD_UNIT_NAME} -f\nTo keep it running after you log out: loginctl enable-linger $USER\n`);
    return code;
  }
  if (action === 'uninstall') {
    const code = await runSteps([systemctl('disable', '--now', SYSTEMD_UNIT_NAME)], context);
    await rm(unitPath, { force: true });
    context.write(`Removed ${unitPath}\n`);
    return code === 0 ? runSteps([systemctl('daemon-reload')], context) : code;
  }
  if (!(await exists(unitPath))) {
    context.write(`Not installed (${unitPath} does not exist). Install: cliproxy service install\n`);
    return 3;
  }
  context.write(`Unit: ${unitPath}\n`);
  return runSteps([systemctl('status', '--no-pager', SYSTEMD_UNIT_NAME)], context);
}

export function launchdPlistPath(homeDir: string): string {
  return join(homeDir, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
}

async function launchdService(action: ServiceAction, context: ServiceContext): Promise<number> {
  const plistPath = launchdPlistPath(context.homeDir);
  const domain = `gui/${context.uid}`;
  if (action === 'install') {
    const logDir = join(context.homeDir, 'Library', 'Logs', 'cli-proxy-api');
    await mkdir(logDir, { recursive: true });
    await mkdir(join(plistPath, '..'), { recursive: true });
    await writeFile(plistPath, renderLaunchdPlist(context.launch, logDir), { mode: 0o644 });
    context.write(`Wrote ${plistPath}\n`);
    const code = await runSteps([{ command: 'launchctl', args: ['bootstrap', domain, plistPath] }], context);
    if (code === 0) context.write(`Started; it starts again at every login. Logs: ${logDir}\n`);
    return code;
  }
  if (action === 'uninstall') {
    const code = await runSteps([{ command: 'launchctl', args: ['bootout', `${domain}/${LAUNCHD_LABEL}`] }], context);
    await rm(plistPath, { force: true });
    context.write(`Removed ${plistPath}\n`);
    return code;
  }
  if (!(await exists(plistPath))) {
    context.write(`Not installed (${plistPath} does not exist). Install: cliproxy service install\n`);
    return 3;
  }
  context.write(`Agent: ${plistPath}\n`);
  return runSteps([{ command: 'launchctl', args: ['print', `${domain}/${LAUNCHD_LABEL}`] }], context);
}

/** Runs the steps in order and stops at the first failure; without the tool, prints what to run instead. */
async function runSteps(steps: Array<{ command: string; args: string[] }>, context: ServiceContext): Promise<number> {
  const shown = (step: { command: string; args: string[] }) => [step.command, ...step.args].join(' ');
  for (const [index, step] of steps.entries()) {
    if (!context.hasCommand(step.command)) {
      context.write(`${step.command} is not available here. Run these where it is:\n${steps.slice(index).map((rest) => `  ${shown(rest)}\n`).join('')}`);
      return 1;
    }
    const result = await context.run(step.command, step.args);
    if (result.output !== '') context.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    if (result.code !== 0) {
      context.write(`${shown(step)} failed (exit ${result.code}).\n`);
      return result.code;
    }
  }
  return 0;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The real runner: output of both streams, the exit code (a missing binary counts as 127). */
export const runSystemCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 127;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });

/** Whether `name` is an executable file in one of PATH's folders. */
export function commandOnPath(name: string, pathVariable: string | undefined, isFile: (path: string) => boolean): boolean {
  return (pathVariable ?? '').split(delimiter).some((folder) => folder !== '' && isFile(join(folder, name)));
}
