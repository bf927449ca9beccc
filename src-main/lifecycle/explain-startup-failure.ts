/** The text of the dialog shown when the app cannot start. */
export interface StartupFailureDialog {
  title: string;
  content: string;
}

/**
 * Start-up failures must reach the user of a packaged app, who sees no stderr: what went wrong, and where
 * the log is. The config path is named when the engine rejected config.yaml, since that is what to fix.
 */
export function explainStartupFailure(error: unknown, where: { logFile: string; configPath: string; isConfigProblem: boolean }): StartupFailureDialog {
  const cause = error instanceof Error ? error.message : String(error);
  return {
    title: 'CLI Proxy Desktop cannot start',
    content: [
      cause,
      '',
      ...(where.isConfigProblem ? [`Fix or move away the configuration file, then start the app again:`, where.configPath, ''] : []),
      `Details are in the log: ${where.logFile}`,
    ].join('\n'),
  };
}
