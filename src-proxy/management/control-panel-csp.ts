/**
 * The control panel's Content-Security-Policy, one source for all three ways the page is delivered:
 * the <meta> tag in the built index.html (Electron loads it from file://), the header on /management.html
 * (headless engine), and the header Electron main adds to dev-server responses.
 * No inline scripts or styles: React style props are avoided on purpose (style-src has no 'unsafe-inline').
 */
export interface ControlPanelCspOptions {
  /** Vite's dev server needs inline scripts (React refresh preamble) and a websocket for HMR. */
  devServerOrigin?: string;
  /** frame-ancestors is ignored (and warned about) in a <meta> tag: add it only to headers. */
  asHeader?: boolean;
}

export function controlPanelCsp(options: ControlPanelCspOptions = {}): string {
  const dev = options.devServerOrigin;
  const wsOrigin = dev?.replace(/^http/, 'ws');
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', dev === undefined ? "'self'" : `'self' 'unsafe-inline' ${dev}`],
    ['style-src', dev === undefined ? "'self'" : `'self' 'unsafe-inline' ${dev}`],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', dev === undefined ? "'self'" : `'self' ${dev} ${wsOrigin ?? ''}`.trim()],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['object-src', "'none'"],
  ];
  if (options.asHeader === true) directives.push(['frame-ancestors', "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
