/** What the service runs: `<node> <cliproxy> serve --config <config>`, all absolute paths. */
export interface ServiceLaunch {
  nodePath: string;
  cliPath: string;
  configPath: string;
  /** Variables the service keeps (paths such as CLIPROXY_AUTH_DIR, CLIPROXY_MANAGEMENT_KEY_FILE; never a key itself). */
  environment: Record<string, string>;
}

export const SYSTEMD_UNIT_NAME = 'cli-proxy-api.service';

/** The command line as arguments, shared by the unit and the launchd agent. */
export function serviceArguments(launch: ServiceLaunch): string[] {
  return [launch.nodePath, launch.cliPath, 'serve', '--config', launch.configPath];
}

/**
 * A systemd user unit (the guide's `systemctl --user enable cli-proxy-api`): restarted on failure, output
 * to the journal (`journalctl --user -u cli-proxy-api`), SIGTERM to stop, which drains in-flight requests
 * for up to 10 s (hence TimeoutStopSec=15). No network-online ordering: that target belongs to the
 * system manager, not the user's.
 */
export function renderSystemdUnit(launch: ServiceLaunch): string {
  const environment = Object.entries(launch.environment).map(([name, value]) => `Environment=${quoteSystemdWord(`${name}=${value}`, 'environment')}\n`);
  return `[Unit]
Description=CLI Proxy API (cliproxy serve)

[Service]
Type=simple
ExecStart=${serviceArguments(launch).map((word) => quoteSystemdWord(word, 'command')).join(' ')}
${environment.join('')}Restart=on-failure
RestartSec=5
KillSignal=SIGTERM
TimeoutStopSec=15
StandardOutput=journal
StandardError=journal

[Install]
WantedBy=default.target
`;
}

/**
 * A double-quoted word (systemd.syntax(7)): `\\` and `"` escaped, `%` doubled (specifiers are expanded in
 * both settings); `$` doubled in a command line only, where it expands variables (Environment= does not).
 */
export function quoteSystemdWord(word: string, setting: 'command' | 'environment'): string {
  const escaped = word.replace(/[\\"]/g, (character) => `\\${character}`).replace(/%/g, '%%');
  return `"${setting === 'command' ? escaped.replace(/\$/g, '$$$$') : escaped}"`;
}
