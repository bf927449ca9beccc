import { shell, type WebContents, type WebPreferences } from 'electron';
import { isTrustedRendererUrl, type RendererLocation } from './renderer-location';
import { isAllowedExternalUrl } from './window-policy';

/** Every window of ours shows our renderer: isolated, sandboxed, no Node, no webviews (Electron security checklist). */
export function hardenedWebPreferences(preloadFile: string): WebPreferences {
  return {
    preload: preloadFile,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface ContentsGuard {
  renderer: RendererLocation;
  onError(error: unknown): void;
  /** Whether a URL is the page of a login the engine started (login/started-login-pages.ts): those open in the browser. */
  isLoginPage(url: string): boolean;
  /** A link to one of our own pages asked for a new window (the popover's Open dashboard); absent: denied. */
  openOwnPage?(url: string): void;
}

/** No navigation away from our page, no webviews, no new windows: allowlisted links and started logins' pages open in the browser. */
export function guardContents(contents: WebContents, guard: ContentsGuard): void {
  const { renderer } = guard;
  contents.on('will-navigate', (event) => {
    if (!isTrustedRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isTrustedRendererUrl(url, renderer)) guard.openOwnPage?.(url);
    // Documentation links, and the login pages the Accounts page links to (only those the engine started).
    else if (isAllowedExternalUrl(url) || guard.isLoginPage(url)) shell.openExternal(url).catch(guard.onError);
    return { action: 'deny' };
  });
}
