import { serviceArguments, type ServiceLaunch } from './render-systemd-unit';

export const LAUNCHD_LABEL = 'com.cliproxy.cli-proxy-api';

/**
 * A launchd agent (~/Library/LaunchAgents) for macOS: started at login, restarted when it exits with an
 * error (KeepAlive.SuccessfulExit=false: a clean stop stays stopped), output appended to the two log files.
 */
export function renderLaunchdPlist(launch: ServiceLaunch, logDir: string): string {
  const strings = (values: string[]) => values.map((value) => `    <string>${escapeXml(value)}</string>\n`).join('');
  const environment = Object.entries(launch.environment);
  const environmentBlock =
    environment.length === 0 ? '' : `  <key>EnvironmentVariables</key>\n  <dict>\n${environment.map(([name, value]) => `    <key>${escapeXml(name)}</key>\n    <string>${escapeXml(value)}</string>\n`).join('')}  </dict>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${strings(serviceArguments(launch))}  </array>
${environmentBlock}  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ExitTimeOut</key>
  <integer>15</integer>
  <key>StandardOutPath</key>
  <string>${escapeXml(`${logDir}/cli-proxy-api.log`)}</string>
  <key>StandardErrorPath</key>
  <string>${escapeXml(`${logDir}/cli-proxy-api.err.log`)}</string>
</dict>
</plist>
`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
