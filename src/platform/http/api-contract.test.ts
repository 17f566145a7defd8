// One API contract (acceptance 7): the web's types are generated from the OpenAPI document, the committed
// file matches the route schemas, and a response schema changed without regenerating fails the check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildApiDocument,
  checkGenerated,
  readGenerated,
  renderSchema,
  typeOf,
  type JsonSchema,
  type OpenApiDocument,
} from '../../../scripts/gen-api.ts';

let document: OpenApiDocument;
beforeAll(async () => {
  document = await buildApiDocument();
});

const compoundSchema = (doc: OpenApiDocument) =>
  doc.paths['/api/v1/compounds/{id}']!.get!.responses!['200']!.content!['application/json']!.schema as JsonSchema & {
    properties: Record<string, JsonSchema>;
  };

describe('the generated API client', () => {
  it('is built without a database and is the committed web/src/api/schema.gen.ts with its parts', async () => {
    expect(await checkGenerated(document, readGenerated())).toBeNull();
  });

  it('fails the check when a response schema changes and the file is not regenerated, naming where', async () => {
    const changed = structuredClone(document);
    compoundSchema(changed).properties.yearBuilt = { type: 'string' };
    const problem = await checkGenerated(changed, readGenerated());
    expect(problem).toMatch(/schema\.gen\.ts is stale/);
    expect(problem).toContain('GET /api/v1/compounds/{id}');
    expect(problem).toMatch(/committed: yearBuilt: number;\n {2}generated: yearBuilt: string;/);
    // Regenerated, the same document passes.
    expect(await checkGenerated(changed, await renderSchema(changed))).toBeNull();
  });

  it('fails the check when a field is added to an answer, or an answer is removed', async () => {
    const added = structuredClone(document);
    compoundSchema(added).properties.heating = { type: 'boolean' };
    expect(await checkGenerated(added, readGenerated())).toMatch(/stale/);
    const removed = structuredClone(document);
    delete removed.paths['/api/v1/compounds/{id}']!.get;
    expect(await checkGenerated(removed, readGenerated())).toMatch(/stale/);
  });

  it('exits non-zero from the command line on a stale file, as npm run check runs it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'renova-gen-api-'));
    const stale = path.join(dir, 'schema.gen.bundle.ts');
    writeFileSync(stale, readGenerated().replace('yearBuilt: number;', 'yearBuilt: string;'));
    const script = path.resolve(import.meta.dirname, '../../../scripts/gen-api.ts');
    const run = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, '--check', '--file', file], { encoding: 'utf8', timeout: 60_000 });
    const failed = run(stale);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/is stale: it differs from the route schemas at line \d+ \(GET \/api\/v1\/compounds\)/);
    writeFileSync(stale, readGenerated());
    expect(run(stale).status).toBe(0);
  });

  it('types what the document says: nullable, enums, records, arrays, files and empty answers', async () => {
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(typeOf({ type: 'string', enum: ['a', 'b'] })).toBe("'a' | 'b'".replace(/'/g, '"'));
    expect(typeOf({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'integer' } })).toBe(
      'Record<string, number>',
    );
    expect(typeOf({ type: 'array', items: { type: 'boolean' } })).toBe('Array<boolean>');
    expect(typeOf({})).toBe('unknown');
    const text = readGenerated();
    // A download is a Blob under its media type; a 204 is undefined.
    expect(text).toMatch(/'\/api\/v1\/compounds\/export\.xlsx': \{[\s\S]*?spreadsheetml\.sheet \*\/\n\s+200: Blob;/);
    expect(text).toMatch(/'\/api\/v1\/auth\/logout': \{[\s\S]*?204: undefined;/);
  });
});
