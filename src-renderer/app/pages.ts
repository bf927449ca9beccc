import type { ComponentType } from 'react';
import { ChartColumn, FileCog, LayoutDashboard, Plug, ScrollText, Settings, Stethoscope, Users, type LucideIcon } from 'lucide-react';
import { AccountsPage } from '../features/accounts/accounts-page';
import { ConfigPage } from '../features/config/config-page';
import { ConnectPage } from '../features/connect/connect-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { DoctorPage } from '../features/doctor/doctor-page';
import { LogsPage } from '../features/logs/logs-page';
import { SettingsPage } from '../features/settings/settings-page';
import { UsagePage } from '../features/usage/usage-page';
import type { PageProps } from './page-props';

/** The sidebar's sections, in order: run the proxy, let tools in, watch what happens, change how it works. */
export const pageGroups = ['Operate', 'Gateway', 'Observe', 'Control'] as const;
export type PageGroup = (typeof pageGroups)[number];

export interface PageEntry {
  /** The hash route: `#/<path>`. */
  path: string;
  /** Navigation label and the page's name. */
  title: string;
  group: PageGroup;
  /** A lucide icon (named import, so the bundle keeps only the icons used). */
  icon: LucideIcon;
  Component: ComponentType<PageProps>;
}

/** Every page of the app, in navigation order within its group; the first one is the start page. Add a page with one line here. */
export const pages: readonly PageEntry[] = [
  { path: 'dashboard', title: 'Dashboard', group: 'Operate', icon: LayoutDashboard, Component: DashboardPage },
  { path: 'accounts', title: 'Accounts', group: 'Operate', icon: Users, Component: AccountsPage },
  { path: 'connect', title: 'Connect', group: 'Gateway', icon: Plug, Component: ConnectPage },
  { path: 'usage', title: 'Usage', group: 'Observe', icon: ChartColumn, Component: UsagePage },
  { path: 'logs', title: 'Logs', group: 'Observe', icon: ScrollText, Component: LogsPage },
  { path: 'doctor', title: 'Doctor', group: 'Observe', icon: Stethoscope, Component: DoctorPage },
  { path: 'config', title: 'Config', group: 'Control', icon: FileCog, Component: ConfigPage },
  { path: 'settings', title: 'Settings', group: 'Control', icon: Settings, Component: SettingsPage },
];

/** The order the sidebar shows (group by group), which is also the shortcuts' order (Alt+1 for the first). */
export function inNavigationOrder(entries: readonly PageEntry[]): PageEntry[] {
  return pageGroups.flatMap((group) => entries.filter((page) => page.group === group));
}
