import type { Session } from 'electron';
import { controlPanelCsp } from '../../src-proxy/index';
import type { RendererLocation } from './renderer-location';
import { isPermissionAllowed } from './window-policy';

/**
 * Session-wide hardening: deny permission requests and checks (bar clipboard writes from our page);
 * in dev, send the CSP as a header on the dev server's responses (the built page carries it as a
 * <meta> tag instead, because file:// responses have no headers to add it to).
 */
export function setupSessionSecurity(session: Session, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, renderer));
  });
  session.setPermissionCheckHandler((contents, permission) =>
    isPermissionAllowed(permission, contents?.getURL(), renderer),
  );
  if (renderer.kind !== 'dev') return;
  const origin = new URL(renderer.url).origin;
  const policy = controlPanelCsp({ devServerOrigin: origin, asHeader: true });
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
