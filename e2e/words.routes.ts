// Every page the web app declares, read from the web modules' manifests (web/src/modules/**/module.tsx and
// *.module.tsx, the files web/src/app/modules.ts collects) with the TypeScript parser: importing them would run
// the browser app in Node. A route object is any object literal with a string `path` (or `index: true`); a child's
// path joins its parent's; a shell route (no leading slash, no parent) lives under `/`. Menu entries' `key`s are
// collected too: they are the paths a role's side menu opens. New pages in new modules are found with no edit here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface DeclaredRoutes {
  /** Full paths, parameters kept (`/projects/:id`, `/overview/:division?`). */
  routes: string[];
  /** The side menu's keys. */
  menuKeys: string[];
}

function manifestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return manifestFiles(full);
    return e.name === 'module.tsx' || e.name.endsWith('.module.tsx') ? [full] : [];
  });
}

const prop = (obj: ts.ObjectLiteralExpression, name: string) =>
  obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name);

const join = (parent: string, child: string) => (child.startsWith('/') ? child : `${parent.replace(/\/$/, '')}/${child}`);

export function declaredRoutes(root = path.resolve(import.meta.dirname, '../web/src/modules')): DeclaredRoutes {
  const routes = new Set<string>();
  const menuKeys = new Set<string>();
  for (const file of manifestFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    // The full path of a route object: its own path joined onto the nearest enclosing route object's.
    const fullPath = (obj: ts.ObjectLiteralExpression): string | undefined => {
      const own = prop(obj, 'path');
      const isIndex = prop(obj, 'index')?.initializer.kind === ts.SyntaxKind.TrueKeyword;
      if (!own && !isIndex) return undefined;
      const text = own && ts.isStringLiteralLike(own.initializer) ? own.initializer.text : '';
      let up: ts.Node | undefined = obj.parent;
      while (up && !(ts.isObjectLiteralExpression(up) && (prop(up, 'path') || prop(up, 'children')))) up = up.parent;
      const parent = up && ts.isObjectLiteralExpression(up) ? fullPath(up) : undefined;
      if (parent !== undefined) return text ? join(parent, text) : parent;
      return text.startsWith('/') ? text : `/${text}`;
    };
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const element = prop(node, 'element');
        const key = prop(node, 'key');
        if (element) {
          const p = fullPath(node);
          if (p !== undefined && !p.includes('*')) routes.add(p);
        } else if (key && prop(node, 'label') && ts.isStringLiteralLike(key.initializer) && key.initializer.text.startsWith('/')) {
          menuKeys.add(key.initializer.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { routes: [...routes].sort(), menuKeys: [...menuKeys].sort() };
}

/** A route's pattern as a regular expression over pathnames (`:id` one segment, `:x?` an optional one). */
export function routePattern(route: string): RegExp {
  const body = route
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.endsWith('?') ? '(?:/[^/]+)?' : seg.startsWith(':') ? '/[^/]+' : `/${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    .join('');
  return new RegExp(`^${body || '/'}$`);
}

export const hasParams = (route: string) => route.split('/').some((s) => s.startsWith(':') && !s.endsWith('?'));
/** A route with only optional parameters opens without them. */
export const withoutOptional = (route: string) =>
  route
    .split('/')
    .filter((s) => !(s.startsWith(':') && s.endsWith('?')))
    .join('/') || '/';
