import { describe, expect, it } from 'vitest';
import { resolveRendererLocation } from './renderer-location';
import { isAllowedExternalUrl, isPermissionAllowed } from './window-policy';

const indexFile = '/opt/app/dist-renderer/index.html';

describe('resolveRendererLocation', () => {
  it('uses the dev server only when unpackaged and the URL is loopback http', () => {
    expect(resolveRendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexFile })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    });
    for (const devServerUrl of ['http://evil.example:5173/', 'https://localhost:5173/', 'file:///x', 'nonsense', '', undefined]) {
      expect(resolveRendererLocation({ isPackaged: false, devServerUrl, indexFile }).kind, String(devServerUrl)).toBe('file');
    }
    expect(resolveRendererLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173/', indexFile })).toEqual({
      kind: 'file',
      indexFile,
    });
  });
});

describe('window policy', () => {
  it('opens only allowlisted https links externally', () => {
    expect(isAllowedExternalUrl('https://github.com/router-for-me/CLIProxyAPI')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('grants only clipboard writes, and only to our page', () => {
    const renderer = { kind: 'file', indexFile } as const;
    expect(isPermissionAllowed('clipboard-sanitized-write', `file://${indexFile}`, renderer)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', renderer)).toBe(false);
    expect(isPermissionAllowed('clipboard-read', `file://${indexFile}`, renderer)).toBe(false);
    expect(isPermissionAllowed('media', `file://${indexFile}`, renderer)).toBe(false);
  });
});
