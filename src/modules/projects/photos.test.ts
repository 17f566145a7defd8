// A project's before and after photos (issue 16, item 9): the officers file and remove them (audited), anyone who reads
// the project sees them; a wrong tag, a file that is no photo, a bomb, an oversized file and a building of another
// compound are refused naming the field.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/schema.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { photoRefusal } from './photos.service.ts';
import { checkPhoto } from '../../platform/photos.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

// A real 1×1 PNG, and the same header declaring another size (what a decompression bomb does).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
function declaredPng(width: number, height: number): Buffer {
  const png = Buffer.from(PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0000b080280' + '01e00101110000ffd9', 'hex');

const upload = (
  projectId: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer; type?: string },
  username = 'hemu',
) => t.upload(`/api/v1/projects/${projectId}/photos`, username, fields, file);

const remove = async (url: string, username: string) => t.app.inject({ method: 'DELETE', url, headers: await t.as(username) });

describe('project photos', () => {
  let projectId: string;
  let compoundId: string;

  beforeAll(async () => {
    const compounds = (await t.call('GET', '/api/v1/compounds?limit=1', 'hemu')).json().items as { id: string }[];
    compoundId = compounds[0]!.id;
    const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: '照片测试', year: 2022, compoundIds: [compoundId] });
    expect(res.statusCode, res.body).toBe(201);
    projectId = res.json().id;
  });

  it('says why a photo is refused, in words, with the status', () => {
    expect(photoRefusal(checkPhoto(PNG, 1000), 1000)).toBeNull();
    expect(photoRefusal(checkPhoto(Buffer.from('%PDF-1.4'), 1000), 1000)?.status).toBe(415);
    expect(photoRefusal(checkPhoto(declaredPng(60_000, 60_000), 1000), 1000)?.status).toBe(415);
    expect(photoRefusal(checkPhoto(Buffer.concat([PNG, Buffer.alloc(2000)]), 1000), 1000)?.status).toBe(413);
  });

  it('files a before and an after photo with a caption and a building, lists them and sends them back', async () => {
    const empty = await t.call('GET', `/api/v1/projects/${projectId}/photos`, 'hemu');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [], counts: { before: 0, after: 0 } });

    const building = (await t.call('GET', `/api/v1/compounds/${compoundId}`, 'hemu')).json().buildings[0] as { id: string; name: string };
    const before = await upload(
      projectId,
      { tag: 'before', caption: '外墙剥落', buildingId: building.id },
      { name: '改造前.png', data: PNG },
    );
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({
      tag: 'before',
      caption: '外墙剥落',
      building: { id: building.id, name: building.name },
      contentType: 'image/png',
      width: 1,
      height: 1,
      uploadedBy: 'hemu',
    });
    const after = await upload(projectId, { tag: 'after' }, { name: 'after.jpg', data: JPEG, type: 'image/jpeg' });
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json()).toMatchObject({ tag: 'after', caption: null, building: null, contentType: 'image/jpeg', width: 480, height: 640 });

    // Anyone who reads the project sees them: a community worker (no projects.write) and the district.
    for (const who of ['hemu-worker', 'gongshu']) {
      const listed = await t.call('GET', `/api/v1/projects/${projectId}/photos`, who);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().counts).toEqual({ before: 1, after: 1 });
      expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([before.json().id, after.json().id]);
    }
    const content = await t.call('GET', before.json().url, 'hemu-worker');
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.rawPayload.equals(PNG)).toBe(true);

    const audited = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'projects.photo_added'), eq(auditLog.entityId, projectId)));
    expect(audited).toHaveLength(2);
  });

  it('refuses a wrong tag, a missing tag, a non-image, a bomb, an oversized file and another compound’s building, naming the field', async () => {
    const wrongTag = await upload(projectId, { tag: 'during' }, { name: 'a.png', data: PNG });
    expect(wrongTag.statusCode).toBe(400);
    expect(wrongTag.headers['content-type']).toMatch(/problem\+json/);
    expect(wrongTag.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.tag']);

    const noTag = await upload(projectId, {}, { name: 'a.png', data: PNG });
    expect(noTag.statusCode).toBe(400);
    expect(noTag.json().errors[0].path).toBe('body.tag');

    const pdf = await upload(projectId, { tag: 'before' }, { name: 'a.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json()).toMatchObject({ code: 'project_photo.refused', errors: [{ path: 'body.file', code: 'project_photo.not_image' }] });

    const bomb = await upload(projectId, { tag: 'after' }, { name: 'big.png', data: declaredPng(60_000, 60_000) });
    expect(bomb.statusCode).toBe(415);
    expect(bomb.json().errors).toEqual([expect.objectContaining({ path: 'body.file', code: 'project_photo.dimensions' })]);

    const huge = await upload(projectId, { tag: 'after' }, { name: 'huge.png', data: Buffer.concat([PNG, Buffer.alloc(10 * 2 ** 20)]) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().errors[0].path).toBe('body.file');

    const other = (await t.call('GET', '/api/v1/compounds?division=330106&limit=1', 'admin')).json().items[0] as { id: string };
    const foreign = (await t.call('GET', `/api/v1/compounds/${other.id}`, 'admin')).json().buildings[0] as { id: string };
    const wrongBuilding = await upload(projectId, { tag: 'before', buildingId: foreign.id }, { name: 'a.png', data: PNG });
    expect(wrongBuilding.statusCode).toBe(422);
    expect(wrongBuilding.json().errors[0].path).toBe('body.buildingId');

    expect((await t.call('GET', `/api/v1/projects/${projectId}/photos`, 'hemu')).json().counts).toEqual({ before: 1, after: 1 });
  });

  it('lets only the project’s officers file and remove photos; out of scope is as if missing', async () => {
    const refused = await upload(projectId, { tag: 'before' }, { name: 'a.png', data: PNG }, 'hemu-worker');
    expect(refused.statusCode).toBe(403);
    const listed = (await t.call('GET', `/api/v1/projects/${projectId}/photos`, 'hemu')).json().items as { id: string; url: string }[];
    const photoId = listed[0]!.id;
    expect((await remove(`/api/v1/projects/${projectId}/photos/${photoId}`, 'hemu-worker')).statusCode).toBe(403);

    // A project of another district: hemu neither sees its photos nor removes them.
    const other = (await t.call('GET', '/api/v1/compounds?division=330106&limit=1', 'admin')).json().items[0] as { id: string };
    const theirs = (await t.call('POST', '/api/v1/projects', 'admin', { name: '西湖照片', year: 2022, compoundIds: [other.id] })).json();
    const theirPhoto = await upload(theirs.id, { tag: 'after' }, { name: 'x.png', data: PNG }, 'admin');
    expect(theirPhoto.statusCode).toBe(201);
    expect((await t.call('GET', `/api/v1/projects/${theirs.id}/photos`, 'hemu')).statusCode).toBe(404);
    expect((await t.call('GET', theirPhoto.json().url, 'hemu')).statusCode).toBe(404);
    expect((await upload(theirs.id, { tag: 'after' }, { name: 'x.png', data: PNG })).statusCode).toBe(404);
    expect((await remove(`/api/v1/projects/${theirs.id}/photos/${theirPhoto.json().id}`, 'hemu')).statusCode).toBe(404);
    // A photo id under another project is not found either.
    expect((await remove(`/api/v1/projects/${projectId}/photos/${theirPhoto.json().id}`, 'hemu')).statusCode).toBe(404);

    const removed = await remove(`/api/v1/projects/${projectId}/photos/${photoId}`, 'hemu');
    expect(removed.statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/projects/${projectId}/photos`, 'hemu')).json().counts).toEqual({ before: 0, after: 1 });
    expect((await t.call('GET', listed[0]!.url, 'hemu')).statusCode).toBe(404);
    const audited = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'projects.photo_removed'), eq(auditLog.entityId, projectId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorUsername).toBe('hemu');
  });
});
