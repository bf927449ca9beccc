import { describe, expect, it } from 'vitest';
import { parseCodesignDisplay, updateSupport, type InstallFacts } from './update-support';

const packaged = (facts: Partial<InstallFacts>): InstallFacts => ({ platform: 'linux', isPackaged: true, appImage: undefined, linuxPackageType: null, macSignature: null, ...facts });

describe('updateSupport', () => {
  it('Windows (NSIS), a Developer ID-signed macOS app and an AppImage update themselves', () => {
    expect(updateSupport(packaged({ platform: 'win32' }))).toEqual({ supported: true });
    expect(updateSupport(packaged({ platform: 'darwin', macSignature: 'developer-id' }))).toEqual({ supported: true });
    expect(updateSupport(packaged({ platform: 'linux', appImage: '/home/me/Apps/CLI-Proxy-Desktop-0.1.0.AppImage' }))).toEqual({ supported: true });
  });

  it('a development build says so', () => {
    expect(updateSupport(packaged({ platform: 'win32', isPackaged: false }))).toEqual({ supported: false, reason: expect.stringMatching(/development build/) });
  });

  it('the .deb (and any other Linux package) points to the releases page', () => {
    expect(updateSupport(packaged({ linuxPackageType: 'deb' }))).toEqual({ supported: false, reason: expect.stringMatching(/\.deb package.*newer \.deb/) });
    expect(updateSupport(packaged({ linuxPackageType: 'rpm' }))).toEqual({ supported: false, reason: expect.stringMatching(/Only the AppImage/) });
    expect(updateSupport(packaged({ appImage: '' }))).toMatchObject({ supported: false });
  });

  it('an ad-hoc signed, unsigned or unreadable macOS app cannot be updated in place', () => {
    for (const macSignature of ['ad-hoc', 'unsigned'] as const) {
      expect(updateSupport(packaged({ platform: 'darwin', macSignature }))).toEqual({ supported: false, reason: expect.stringMatching(/not signed with a Developer ID/) });
    }
    expect(updateSupport(packaged({ platform: 'darwin', macSignature: null }))).toEqual({ supported: false, reason: expect.stringMatching(/Could not read the app signature/) });
  });
});

describe('parseCodesignDisplay', () => {
  it('tells Developer ID, ad-hoc and unsigned apart from codesign --display output', () => {
    const developerId = 'Executable=/Applications/CLI Proxy Desktop.app/Contents/MacOS/CLI Proxy Desktop\nIdentifier=dev.cliproxy.desktop\nFormat=app bundle with Mach-O thin (arm64)\nAuthority=Developer ID Application: Example (ABCDE12345)\nTeamIdentifier=ABCDE12345\n';
    const adHoc = 'Executable=/Applications/CLI Proxy Desktop.app/Contents/MacOS/CLI Proxy Desktop\nIdentifier=dev.cliproxy.desktop\nSignature=adhoc\nTeamIdentifier=not set\n';
    expect(parseCodesignDisplay(developerId)).toBe('developer-id');
    expect(parseCodesignDisplay(adHoc)).toBe('ad-hoc');
    expect(parseCodesignDisplay('/Applications/CLI Proxy Desktop.app: code object is not signed at all\n')).toBe('unsigned');
    expect(parseCodesignDisplay('TeamIdentifier=not set\n')).toBe('unknown');
    expect(parseCodesignDisplay('')).toBe('unknown');
  });
});
