import { describe, expect, it } from 'vitest';
import { buildAppMenu } from './build-app-menu';

describe('buildAppMenu', () => {
  it("Electron's default menu (Toggle Developer Tools, Learn More) on Windows/Linux: none at all", () => {
    expect(buildAppMenu('win32')).toBeNull();
    expect(buildAppMenu('linux')).toBeNull();
  });
  it('macOS: app, Edit (copy/paste shortcuts) and Window menus, no View/Help with developer tools', () => {
    const roles = buildAppMenu('darwin')?.map((item) => item.role);
    expect(roles).toEqual(['appMenu', 'editMenu', 'windowMenu']);
  });
});
