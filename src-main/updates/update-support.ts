/** How this copy of the app was installed, as far as updating it depends on it (gathered by setup-updates.ts). */
export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** $APPIMAGE: set by the AppImage runtime to the .AppImage file that is running. */
  appImage: string | undefined;
  /** `resources/package-type` ('deb', 'rpm', ...), written by electron-builder into Linux packages; null when absent. */
  linuxPackageType: string | null;
  /** macOS only: how the app bundle is signed (read-mac-signature.ts); null elsewhere. */
  macSignature: MacSignature | null;
}

export type MacSignature = 'developer-id' | 'ad-hoc' | 'unsigned' | 'unknown';

export type UpdateSupport = { supported: true } | { supported: false; reason: string };

/**
 * Whether electron-updater can replace this install, and if not, why in words. Its auto-updatable targets
 * are the NSIS installer, the macOS zip (Squirrel.Mac, which needs a signed app) and, on Linux, AppImage
 * (https://www.electron.build/docs/features/auto-update). electron-updater 6 can also install a newer .deb
 * through pkexec + dpkg, but that asks for the root password as the app quits, from a tray app the user
 * may not be looking at, and its install command has broken before
 * (https://github.com/electron-userland/electron-builder/issues/8395): the .deb is updated with the
 * package from the releases page, like other system packages.
 */
export function updateSupport(facts: InstallFacts): UpdateSupport {
  if (!facts.isPackaged) return { supported: false, reason: 'Updates are off in a development build (npm start / npm run dev).' };
  switch (facts.platform) {
    case 'win32':
      return { supported: true };
    case 'darwin':
      return macSupport(facts.macSignature ?? 'unknown');
    case 'linux':
      if (facts.appImage !== undefined && facts.appImage !== '') return { supported: true };
      if (facts.linuxPackageType === 'deb') return { supported: false, reason: 'Installed from the .deb package: install a newer .deb from the releases page to update.' };
      return { supported: false, reason: 'Only the AppImage updates itself: install a newer package from the releases page to update.' };
    default:
      return { supported: false, reason: `Updates are not available on ${facts.platform}.` };
  }
}

/**
 * Squirrel.Mac accepts an update only when it is signed by the same identity as the running app, so an
 * ad-hoc signature (scripts/package.js without a certificate) can never be updated in place
 * (https://www.electron.build/docs/features/auto-update: "macOS application must be signed").
 */
function macSupport(signature: MacSignature): UpdateSupport {
  switch (signature) {
    case 'developer-id':
      return { supported: true };
    case 'ad-hoc':
    case 'unsigned':
      return { supported: false, reason: 'This build is not signed with a Developer ID, so macOS cannot update it in place: download the new version from the releases page.' };
    case 'unknown':
      return { supported: false, reason: 'Could not read the app signature, so updates are off: download new versions from the releases page.' };
    default: {
      const unreachable: never = signature;
      return unreachable;
    }
  }
}

/**
 * Reads `codesign --display --verbose=2 <App.app>` output (it writes to stderr): a Developer ID signature
 * names its TeamIdentifier, an ad-hoc one says `Signature=adhoc`, and an unsigned bundle "is not signed
 * at all" (codesign(1)).
 */
export function parseCodesignDisplay(output: string): MacSignature {
  if (/not signed at all/i.test(output)) return 'unsigned';
  if (/^Signature=adhoc$/m.test(output)) return 'ad-hoc';
  const team = /^TeamIdentifier=(.+)$/m.exec(output)?.[1]?.trim();
  if (team !== undefined && team !== '' && team !== 'not set') return 'developer-id';
  return 'unknown';
}
