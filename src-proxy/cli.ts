import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { helpRequested } from './cli-help';
import { ensureConfigFile } from './config/create-default-config';
import { EnvironmentSettingsError, readEnvironmentSettings, type EnvironmentSettings } from './config/environment-settings';
import { formatConfigProblems, loadConfigFile } from './config/load-config';
import { runDoctorCommand } from './doctor/doctor-cli';
import { ConfigLoadError, createEngine } from './engine/create-engine';
import { usagePathFor } from './engine/steps/open-usage-history';
import { runSetManagementKey } from './cli-set-management-key';
import { describeContainerPlan, planContainerServe } from './container/plan-container-serve';
import { limitHeapGrowth } from './limit-heap-growth';
import { controlPanelState, formatServeBanner } from './serve-banner';
import { runServiceCli } from './service/run-service-cli';
import { startAndReportPublicUrl } from './tunnel/report-public-url';
import { tunnelModes, type TunnelMode } from '../src-shared/control/tunnel-types';
import { AuthStore } from './auth-store/auth-store';
import { loginProviders, providerByAuthFileType } from './providers/registry';

/** `cliproxy login <name>` of every login provider, in registry order. */
const cliLogins = loginProviders.map((provider) => provider.auth.cli);

const usage = `Usage:
  cliproxy serve [--config PATH] [--host HOST] [--port N] [--allow-open]
  cliproxy tunnel [--config PATH] [--port N] [--mode quick|named|external] [--public-url URL]
           serve, plus a public URL for Cursor (a named tunnel's token: tunnel.token in config.yaml)
  cliproxy validate [--config PATH]
  cliproxy doctor [--config PATH] [--hello]
           checks ports, keys, provider hosts, clock, auth files and usage history; each with a fix
           --hello: also one tiny completion through each account (latency or the provider's exact error)
  cliproxy set-management-key [--config PATH] [KEY]
           the control panel's sign-in key, stored hashed (KEY, else a hidden prompt, else stdin's first line)
  cliproxy service install|uninstall|status [--config PATH]
           a systemd user service (Linux) or a launchd agent (macOS) running serve
  cliproxy container [--config PATH] [--port N]   the container image's entrypoint: serve with its paths and host (README "Run headless")
${cliLogins.map((login) => `  ${login.usage}`).join('\n')}
  cliproxy store import|export [--config PATH] [--dir AUTH_DIR]
           copy a CLIProxyAPI auth-dir (default: auth-dir of config.yaml) into the team store, or out of it

Default config: ~/.cli-proxy-api/config.yaml (created with safe defaults on first run).
Environment: CLIPROXY_CONFIG, CLIPROXY_AUTH_DIR, CLIPROXY_MANAGEMENT_KEY or CLIPROXY_MANAGEMENT_KEY_FILE
(a flag wins over the environment, which wins over config.yaml).`;

export const defaultConfigPath = join(homedir(), '.cli-proxy-api', 'config.yaml');

/** The built renderer, served as the web control panel; the same relative path from src-proxy/ and dist-proxy/. */
const controlPanelDir = fileURLToPath(new URL('../dist-renderer/', import.meta.url));

/** `cliproxy` entry: returns the process exit code, or never returns while serving. */
export async function runCli(argv: string[]): Promise<number> {
  const help = helpRequested(argv, usage);
  if (help !== undefined) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'allow-open': { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        'callback-port': { type: 'string' },
        'project-id': { type: 'string' },
        device: { type: 'boolean' },
        mode: { type: 'string' },
        'public-url': { type: 'string' },
        dir: { type: 'string' },
        hello: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: ['login', 'set-management-key', 'service', 'store'].includes(command ?? ''),
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
  let environment: EnvironmentSettings;
  try {
    environment = readEnvironmentSettings(process.env);
  } catch (error) {
    if (error instanceof EnvironmentSettingsError) return fail(error.message);
    throw error;
  }
  const configPath = parsed.values.config ?? environment.configPath ?? defaultConfigPath;
  if (parsed.values.help || !command || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return command ? 0 : 2;
  }
  if (command === 'validate') return validate(configPath);
  if (command === 'doctor') return doctor(configPath, environment, parsed.values.hello === true);
  if (command === 'serve') return serve(configPath, environment, parsed.values);
  if (command === 'tunnel') return serve(configPath, environment, { ...parsed.values, tunnel: true });
  if (command === 'service') return runServiceCli(parsed.positionals[0], configPath, environment, (text) => process.stdout.write(text));
  if (command === 'container') {
    const plan = await planContainerServe(process.env, { ...environment, configPath: parsed.values.config ?? environment.configPath });
    if ('error' in plan) return fail(plan.error);
    process.stdout.write(describeContainerPlan(plan));
    return serve(plan.configPath, environment, { ...parsed.values, host: parsed.values.host ?? plan.host });
  }
  if (command === 'login') return login(configPath, environment, parsed.positionals, parsed.values);
  if (command === 'set-management-key') return runSetManagementKey(configPath, parsed.positionals, process);
  if (command === 'store') {
    // Loaded only for this command: the PostgreSQL driver stays out of every other one.
    const { runStoreCommand } = await import('./cli-store');
    return runStoreCommand(configPath, parsed.positionals[0], parsed.values.dir, fail);
  }
  return fail(`Unknown command '${command}'.\n\n${usage}`);
}

async function validate(configPath: string): Promise<number> {
  const loaded = await loadConfigFile(configPath).catch((error: unknown) => ({ ok: false as const, readError: error }));
  if ('readError' in loaded) return fail(`Cannot read ${configPath}: ${String(loaded.readError)}`);
  if (!loaded.ok) return fail(formatConfigProblems(loaded.problems, configPath));
  for (const warning of loaded.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${configPath}: OK (${loaded.config.openaiCompatibility.length} openai-compatibility entries)\n`);
  return 0;
}

/** `--hello` needs the accounts as the engine serves them (tokens renewed, proxies): an engine that never listens. */
async function doctor(configPath: string, environment: EnvironmentSettings, hello: boolean): Promise<number> {
  const usagePath = usagePathFor({ usagePath: undefined, configPath });
  // No config yet: the checks report that (an engine would create one).
  if (!hello || !existsSync(configPath)) return runDoctorCommand(configPath, usagePath, process.stdout);
  let engine;
  try {
    engine = await createEngine({ configPath, overrides: { authDir: environment.authDir }, logDestination: new PassThrough().resume() });
  } catch (error) {
    if (error instanceof ConfigLoadError) return fail(error.message);
    throw error;
  }
  const control = engine.control;
  try {
    return await runDoctorCommand(configPath, usagePath, process.stdout, { hellos: () => control.invoke('doctor.hello', { account: 'all' }) });
  } finally {
    await engine.close();
  }
}

interface LoginCliFlags {
  'no-browser'?: boolean | undefined;
  'callback-port'?: string | undefined;
  'project-id'?: string | undefined;
  device?: boolean | undefined;
}

async function login(configPath: string, environment: EnvironmentSettings, positionals: string[], flags: LoginCliFlags): Promise<number> {
  const provider = positionals[0];
  const cli = cliLogins.find((entry) => entry.name === provider);
  if (!cli) return fail(`cliproxy login supports: ${cliLogins.map((entry) => entry.name).join(', ')}${provider ? ` (not '${provider}')` : ''}.\n\n${usage}`);
  const port = !cli.takesCallbackPort || flags['callback-port'] === undefined ? undefined : Number(flags['callback-port']);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return fail(`--callback-port must be a number from 0 to 65535, got '${flags['callback-port']}'.`);
  await ensureConfigFile(configPath);
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return fail(formatConfigProblems(loaded.problems, configPath));
  const args = { noBrowser: flags['no-browser'] === true, callbackPort: port, projectId: flags['project-id'], device: flags.device === true, name: positionals[1] };
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (loaded.config.store.type === 'files') return cli.run(new AuthStore(environment.authDir ?? loaded.config.authDir, { providerByType: providerByAuthFileType }), args, io);
  // A team server's accounts are rows of its database (docs/team-server.md#accounts): the login goes there, and every engine serves it.
  const { openStoreForCommand } = await import('./cli-store');
  const store = await openStoreForCommand(loaded.config.store, configPath);
  if (typeof store === 'string') return fail(store);
  try {
    return await cli.run(new AuthStore(store.authSource(), { providerByType: providerByAuthFileType }), args, io);
  } finally {
    await store.close();
  }
}

interface ServeFlags {
  host?: string | undefined;
  port?: string | undefined;
  'allow-open'?: boolean | undefined;
  /** `cliproxy tunnel`: also start the public URL. */
  tunnel?: boolean | undefined;
  mode?: string | undefined;
  'public-url'?: string | undefined;
}

async function serve(configPath: string, environment: EnvironmentSettings, flags: ServeFlags): Promise<number> {
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return fail(`--port must be a number from 0 to 65535, got '${flags.port}'.`);
  const created = await ensureConfigFile(configPath);
  let engine;
  try {
    engine = await createEngine({
      configPath,
      overrides: { host: flags.host, port, authDir: environment.authDir, managementKey: environment.managementKey },
      allowOpen: flags['allow-open'] === true,
      controlPanelDir,
    });
  } catch (error) {
    if (error instanceof ConfigLoadError) return fail(error.message);
    throw error;
  }
  // Listen for SIGTERM/SIGINT before anything is printed: a signal that arrives while the public URL is still
  // being reported (a service manager, a test reading the banner) then drains and exits 0 instead of killing.
  const shutdown = waitForShutdownSignal();
  const status = await engine.start();
  if (status.state !== 'running') return fail(status.error ?? 'The engine did not start.');
  // Once started: the young generation grows as V8 grows it again, the old generation's growth is capped.
  limitHeapGrowth();
  const config = engine.configFile.config();
  process.stdout.write(
    formatServeBanner({
      origin: status.baseUrl?.replace(/\/v1$/, '') ?? '',
      created: created.apiKey === null ? null : { configPath, apiKey: created.apiKey },
      controlPanel: controlPanelState(controlPanelDir, config),
      managementKeySet: config.remoteManagement.secretKey !== '' || Boolean(process.env.MANAGEMENT_PASSWORD) || environment.managementKey !== undefined,
    }),
  );
  if (flags.tunnel === true || config.tunnel.autostart) {
    const mode = flags.mode;
    if (mode !== undefined && !(tunnelModes as readonly string[]).includes(mode)) {
      await engine.close();
      return fail(`--mode must be one of ${tunnelModes.join(', ')}, got '${mode}'.`);
    }
    const started = await startAndReportPublicUrl(engine, { mode: mode as TunnelMode | undefined, publicUrl: flags['public-url'] }, { stdout: process.stdout, stderr: process.stderr });
    if (!started && flags.tunnel === true) {
      await engine.close();
      return 1;
    }
  }
  await shutdown;
  await engine.close();
  return 0;
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

/** Runs the CLI with this process's arguments and exits with its code (used by bin/cliproxy.js). */
export function main(): void {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

if (process.argv[1] !== undefined && /[\\/]cli\.(ts|js)$/.test(process.argv[1])) main();
