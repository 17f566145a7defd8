// The web's API types, generated from the server's OpenAPI document so the two cannot drift.
//   node --import tsx scripts/gen-api.ts           writes web/src/api/schema.gen.ts
//   node --import tsx scripts/gen-api.ts --check   exits 1, naming the first difference, when that file is stale
// The document is built the way the server builds it (createHttpApp) but offline: registering routes
// touches no database, so neither does this script.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { createHttpApp } from '../src/apps/server.ts';
import { loadEnv } from '../src/config/env.ts';
import type { AppContext } from '../src/platform/context.ts';
import { createLogger } from '../src/platform/logger.ts';
import { personalDataKey } from '../src/platform/personal-data.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const generatedFile = path.join(root, 'web/src/api/schema.gen.ts');

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  description?: string;
  format?: string;
  [key: string]: unknown;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The server's OpenAPI document, from an app assembled as `createHttpApp` assembles it, with a database that must not be used. */
export async function buildApiDocument(): Promise<OpenApiDocument> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://offline@127.0.0.1:9/offline',
    SESSION_SECRET: 'api-document-generator-only-'.padEnd(40, 'x'),
    PERSONAL_DATA_KEY: 'api-document-generator-only-'.padEnd(40, 'y'),
    LOG_LEVEL: 'silent',
  });
  const offline = new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === 'then') return undefined;
        throw new Error(`building the API document used the database (${String(prop)}); route registration must not query`);
      },
    },
  );
  const ctx = {
    env,
    database: offline,
    db: offline,
    log: createLogger('silent'),
    personalKey: personalDataKey(env.PERSONAL_DATA_KEY),
  } as unknown as AppContext;
  const { app } = await createHttpApp(ctx);
  try {
    await app.ready();
    // A deep copy: callers (the test) may alter it without touching the app's cached document.
    return structuredClone(app.swagger()) as unknown as OpenApiDocument;
  } finally {
    await app.close();
  }
}

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (identifier.test(name) ? name : JSON.stringify(name));
const literal = (value: unknown) => JSON.stringify(value);

function doc(text: string | undefined): string {
  if (!text) return '';
  return `/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n`;
}

const refName = (ref: string) => {
  const name = ref.replace(/^#\/components\/schemas\//, '');
  return `components['schemas'][${literal(name)}]`;
};

/** A TypeScript type for a JSON Schema (the 2020-12 subset zod's toJSONSchema writes). */
export function typeOf(schema: JsonSchema | boolean | undefined): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if (schema.$ref) return refName(schema.$ref);
  if ('const' in schema) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ') || 'never';
  if (schema.anyOf ?? schema.oneOf) return union((schema.anyOf ?? schema.oneOf)!.map(typeOf));
  if (schema.allOf) return schema.allOf.map((s) => `(${typeOf(s)})`).join(' & ');
  if (Array.isArray(schema.type)) return union(schema.type.map((t) => typeOf({ ...schema, type: t })));
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (schema.prefixItems) return `[${schema.prefixItems.map(typeOf).join(', ')}]`;
      return `Array<${typeOf(Array.isArray(schema.items) ? { anyOf: schema.items } : schema.items)}>`;
    case 'object':
      return objectType(schema);
    default:
      return schema.properties ? objectType(schema) : 'unknown';
  }
}

function union(members: string[]): string {
  const unique = [...new Set(members)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.map((m) => (m.includes('=>') ? `(${m})` : m)).join(' | ') || 'never';
}

function objectType(schema: JsonSchema): string {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  // An object that says nothing of other keys has only its own (zod strips the rest); `true` or a schema allows more.
  const rest = extra === false || (extra === undefined && entries.length > 0) ? null : typeOf(extra ?? true);
  if (entries.length === 0) return rest === null ? 'Record<string, never>' : `Record<string, ${rest}>`;
  const body = entries
    .map(([name, prop]) => `${doc(prop.description)}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(prop)};`)
    .join('\n');
  return rest === null ? `{\n${body}\n}` : `{\n${body}\n} & Record<string, ${rest}>`;
}

function parametersType(parameters: Parameter[]): string {
  const fields = parameters.map((p) => `${doc(p.description)}${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema)};`);
  return `{\n${fields.join('\n')}\n}`;
}

/** What a 2xx answer carries: JSON as its type, a file as a Blob (its media type noted), nothing (a 204) as undefined. */
function responseType(status: string, response: NonNullable<Operation['responses']>[string]): string {
  const content = Object.entries(response.content ?? {});
  if (status === '204' || content.length === 0) return `${status}: undefined;`;
  const json = content.find(([type]) => /\bjson\b/.test(type));
  if (json) return `${status}: ${typeOf(json[1].schema)};`;
  return `${doc(`A file: ${content.map(([type]) => (type === '*/*' ? 'any media type' : type)).join(', ')}`)}${status}: Blob;`;
}

function operationType(op: Operation): string {
  const parts: string[] = [];
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  if (params.length) parts.push(`params: ${parametersType(params)};`);
  if (query.length) parts.push(`query: ${parametersType(query)};`);
  const body = op.requestBody?.content['application/json'];
  if (body) parts.push(`body: ${typeOf(body.schema)};`);
  else if (op.requestBody) parts.push('body: FormData;');
  const ok = Object.entries(op.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .sort(([a], [b]) => a.localeCompare(b));
  parts.push(`responses: {\n${ok.map(([status, r]) => responseType(status, r)).join('\n')}\n};`);
  return `{\n${parts.join('\n')}\n}`;
}

/** schema.gen.ts for a document: every /api/v1 operation's path params, query, body and 2xx answers, sorted. */
export async function renderSchema(document: OpenApiDocument): Promise<string> {
  const lines: string[] = [
    "// GENERATED by scripts/gen-api.ts from the server's OpenAPI document (/api/v1/openapi.json). Do not edit:",
    '// change the route schemas, then run `npm run gen:api`. `npm run check` fails while this file is stale.',
    '/* eslint-disable */',
    '',
    'export interface paths {',
  ];
  for (const url of Object.keys(document.paths).sort()) {
    if (!url.startsWith('/api/v1/') || url === '/api/v1/openapi.json') continue;
    const item = document.paths[url]!;
    const ops = methods.filter((m) => item[m]);
    if (ops.length === 0) continue;
    lines.push(`${literal(url)}: {`);
    for (const m of ops) lines.push(`${doc(item[m]!.summary)}${m}: ${operationType(item[m]!)};`);
    lines.push('};');
  }
  lines.push('}', '');
  const schemas = document.components?.schemas ?? {};
  lines.push('export interface components {', 'schemas: {');
  for (const name of Object.keys(schemas).sort())
    lines.push(`${doc(schemas[name]!.description)}${literal(name)}: ${typeOf(schemas[name]!)};`);
  lines.push('};', '}', '');
  const options = await prettier.resolveConfig(generatedFile);
  return prettier.format(lines.join('\n'), { ...options, filepath: generatedFile });
}

/** null when the two texts agree; otherwise the first differing line, with its number, in words. */
export function describeDifference(committed: string, fresh: string, file = generatedFile): string | null {
  if (committed === fresh) return null;
  const a = committed.split('\n');
  const b = fresh.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [
    `${path.relative(root, file)} is stale: it differs from the route schemas at line ${i + 1}${operationAt(b, i)}.`,
    `  committed: ${a[i] === undefined ? '(end of file)' : a[i]!.trim()}`,
    `  generated: ${b[i] === undefined ? '(end of file)' : b[i]!.trim()}`,
    'Run `npm run gen:api` and commit the result.',
  ].join('\n');
}

/** The check `npm run check` runs: null when the committed file matches the document, else why not. */
export async function checkGenerated(document: OpenApiDocument, committed: string, file = generatedFile): Promise<string | null> {
  return describeDifference(committed, await renderSchema(document), file);
}

/** The path and method a line of the generated file lies in, for the message. */
function operationAt(lines: string[], index: number): string {
  let method: string | undefined;
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const line = lines[i]!;
    const m = /^ {4}(get|put|post|patch|delete): /.exec(line);
    if (m && !method) method = m[1];
    const p = /^ {2}'(\/api\/v1\/[^']*)': \{/.exec(line);
    if (p) return ` (${method ? `${method.toUpperCase()} ` : ''}${p[1]})`;
  }
  return '';
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --file <path> checks or writes another copy (the test checks a stale one); the default is the committed file.
  const fileArg = process.argv.indexOf('--file');
  const target = fileArg > 0 && process.argv[fileArg + 1] ? path.resolve(process.argv[fileArg + 1]!) : generatedFile;
  const document = await buildApiDocument();
  if (process.argv.includes('--check')) {
    const problem = await checkGenerated(document, readIfThere(target), target);
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    console.log(`${path.relative(root, target)} is current.`);
  } else {
    const text = await renderSchema(document);
    if (text !== readIfThere(target)) writeFileSync(target, text);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
