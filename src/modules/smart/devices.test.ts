import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { secretMatches } from './credentials.ts';
import { smartWorld } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('registering a device', () => {
  it('keeps only hashes of the secret, and the device has never been seen', async () => {
    const world = await smartWorld(t);
    const d = await world.device('sos_button');
    const { rows } = await t.ctx.database.pool.query(
      `select d.secret_hash, d.broker_hash, d.community_code, s.status from devices d join device_status s on s.device_id = d.id where d.id = $1`,
      [d.id],
    );
    expect(rows[0].status).toBe('never');
    expect(rows[0].community_code).toBe('330105004001');
    expect(secretMatches(d.secret, rows[0].secret_hash)).toBe(true);
    expect(secretMatches(d.secret + 'x', rows[0].secret_hash)).toBe(false);
    expect(JSON.stringify(rows[0])).not.toContain(d.secret);
    expect(rows[0].broker_hash).toMatch(/^\$7\$101\$/);
  });
});
