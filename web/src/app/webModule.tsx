// What a web module declares about itself, in one place: the pages it adds (inside the signed-in shell or
// outside it) and its side-menu entries; its messages live in app/i18n/<module>.*.ts. The web's mirror of the
// server's src/platform/module.ts: app/modules.ts collects every module's manifest, the router and the shell
// read only that list.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { Spin } from 'antd';

export interface MenuEntry {
  /** The path it opens; the entry is marked selected on every path that starts with it. */
  key: string;
  icon: ReactNode;
  /** The i18n key of its label. */
  label: string;
  /** Shown only to users who hold this permission (or, given several, any one of them). */
  permission?: string | readonly string[];
  /** Its place in the side menu, ascending across all modules (entries of one module need not be adjacent). */
  order: number;
}

export interface WebModule {
  name: string;
  /** Top-level routes, outside the signed-in shell (the login, the residents' /m, the wall display). */
  routes?: RouteObject[];
  /** Pages inside the signed-in shell; paths relative to /. */
  shellRoutes?: RouteObject[];
  menu?: MenuEntry[];
}

export const defineWebModule = (m: WebModule): WebModule => m;

/** Whether a menu entry is for someone with these permissions: the menu shows what a role can use, nothing else. */
export function menuVisible(entry: Pick<MenuEntry, 'permission'>, can: (permission: string) => boolean): boolean {
  if (entry.permission === undefined) return true;
  return typeof entry.permission === 'string' ? can(entry.permission) : entry.permission.some(can);
}

export function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

/** A page in a chunk of its own, loaded on first visit behind a spinner. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ReactNode {
  const Page = lazy(load);
  return (
    <Loading>
      <Page />
    </Loading>
  );
}
