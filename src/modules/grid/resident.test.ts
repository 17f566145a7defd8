// The resident's side of grid events through the API: a report with photos (at most nine, images only, no
// bombs), the similar events offered first and following one, my reports with every step and the unread marker,
// reopening within grid.reopen_days (the clock passed in, not slept), one rating after closure, the public list
// without personal data, and scope: a resident sees only their own reports and the public list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { checkPhoto, imageDimensions, MAX_PHOTOS } from './resident.photos.ts';
import { reopenWindow } from './resident.rules.ts';
import { myReport, reopenReport } from './resident.service.ts';
import { LAT, LNG, PNG, postReport, residentWorld, type ResidentWorld } from './resident.fixtures.ts';

const DAY = 86_400_000;

/** A PNG header that declares a picture of width × height (the rest of the file need not exist to be refused). */
function declaredPng(width: number, height: number): Buffer {
  const png = Buffer.from(PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

describe('photo checks (no database)', () => {
  it('reads the declared size of a PNG and a JPEG, and refuses non-images, oversize files and bombs', () => {
    expect(imageDimensions(PNG)).toEqual({ width: 1, height: 1 });
    // A baseline JPEG: SOI, an APP0 segment, then SOF0 declaring 480 × 640.
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0000b080280' + '01e00101110000ffd9', 'hex');
    expect(imageDimensions(jpeg)).toEqual({ width: 480, height: 640 });
    expect(checkPhoto(PNG, 1000)).toMatchObject({ ok: true, type: 'png' });
    expect(checkPhoto(Buffer.from('%PDF-1.4\n'), 1000)).toEqual({ ok: false, reason: 'not_image' });
    expect(checkPhoto(PNG, 10)).toEqual({ ok: false, reason: 'too_large' });
    expect(checkPhoto(declaredPng(50_000, 50_000), 1000)).toEqual({ ok: false, reason: 'dimensions' });
    expect(checkPhoto(declaredPng(12_000, 12_000), 1000)).toEqual({ ok: false, reason: 'dimensions' });
    expect(checkPhoto(declaredPng(4000, 3000), 1000)).toMatchObject({ ok: true });
  });

  it('opens the reopen window while handled or reviewed, and for the rule’s days after closure, to the reporter only', () => {
    const closedAt = new Date('2026-06-01T10:00:00Z');
    const closed = { state: 'closed', closedAt, merged: false, reporter: true };
    expect(reopenWindow(closed, 7, new Date(closedAt.getTime() + 7 * DAY))).toEqual({
      allowed: true,
      until: new Date(closedAt.getTime() + 7 * DAY),
    });
    expect(reopenWindow(closed, 7, new Date(closedAt.getTime() + 7 * DAY + 1)).allowed).toBe(false);
    expect(reopenWindow({ ...closed, reporter: false }, 7, closedAt).allowed).toBe(false);
    expect(reopenWindow({ ...closed, merged: true }, 7, closedAt).allowed).toBe(false);
    expect(reopenWindow({ state: 'handled', closedAt: null, merged: false, reporter: true }, 7, closedAt).allowed).toBe(true);
    expect(reopenWindow({ state: 'accepted', closedAt: null, merged: false, reporter: true }, 7, closedAt).allowed).toBe(false);
  });
});

describe('a resident reporting grid events', () => {
  let t: TestApp;
  let w: ResidentWorld;
  let neighbour: string;
  const lamp = (extra: Record<string, string> = {}) => ({
    category: 'street_lamp',
    description: '3幢东侧路灯不亮',
    lat: String(LAT + 0.0002),
    lng: String(LNG + 0.0001),
    ...extra,
  });

  beforeAll(async () => {
    t = await testApp();
    w = await residentWorld(t);
    neighbour = await w.neighbour();
  });
  afterAll(() => t.close());

  it('offers the compound, its buildings and the categories by name', async () => {
    const res = await t.call('GET', '/api/v1/me/grid-events/options', 'hemu-resident');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mine = body.compounds.find((c: { id: string }) => c.id === w.compoundId);
    expect(mine).toMatchObject({ lat: LAT, lng: LNG });
    expect(mine.buildings.map((b: { name: string }) => b.name)).toEqual(['1幢', '2幢']);
    expect(body.categories.find((c: { code: string }) => c.code === 'street_lamp').name.zh).toMatch(/路灯/);
    expect(body.maxPhotos).toBe(MAX_PHOTOS);
  });

  it('files a report with photos, refusing a tenth photo, a PDF, a bomb, another compound and a missing place', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.png`, data: PNG }));
    const tooMany = await postReport(t, 'hemu-resident', { ...lamp(), compoundId: w.compoundId }, ten);
    expect(tooMany.statusCode, tooMany.body).toBe(422);
    expect(tooMany.json().errors[0].path).toBe('body.photos.9');

    const pdf = await postReport(t, 'hemu-resident', { ...lamp(), compoundId: w.compoundId }, [
      { name: 'a.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' },
    ]);
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().errors[0].path).toBe('body.photos.0');

    const bomb = await postReport(t, 'hemu-resident', { ...lamp(), compoundId: w.compoundId }, [
      { name: 'big.png', data: declaredPng(60_000, 60_000) },
    ]);
    expect(bomb.statusCode).toBe(415);

    const noPlace = await postReport(t, 'hemu-resident', { category: 'street_lamp', description: '路灯不亮', compoundId: w.compoundId });
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.json().errors[0].path).toBe('body.lat');

    const other = await residentWorld(t); // the demo resident is bound there too, so use a compound they are not in
    await t.ctx.database.pool.query(`delete from household_residents where compound_id = $1`, [other.compoundId]);
    const notMine = await postReport(t, 'hemu-resident', { ...lamp(), compoundId: other.compoundId });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().errors[0].path).toBe('body.compoundId');

    const nine = Array.from({ length: 9 }, (_, i) => ({ name: `p${i}.png`, data: PNG }));
    const ok = await postReport(t, 'hemu-resident', { ...lamp(), compoundId: w.compoundId, anonymous: 'true' }, nine);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ state: 'reported', ref: expect.stringMatching(/^\d{4}-\d{6}$/) });
    const detail = await t.call('GET', `/api/v1/me/grid-events/${ok.json().id}`, 'hemu-resident');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().photos).toHaveLength(9);
    expect(detail.json().anonymous).toBe(true);
    const photo = await t.call('GET', detail.json().photos[0].url, 'hemu-resident');
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(PNG)).toBe(true);
  });

  it('offers the open lamp nearby before filing again, and following it puts it among my events', async () => {
    const first = await postReport(
      t,
      'hemu-resident',
      {
        ...lamp({ description: '2幢门口路灯坏了' }),
        compoundId: w.compoundId,
        buildingId: w.buildings[1]!.id,
      },
      [{ name: 'lamp.png', data: PNG }],
    );
    expect(first.statusCode, first.body).toBe(201);
    const query = `category=street_lamp&compoundId=${w.compoundId}&lat=${LAT + 0.0002}&lng=${LNG + 0.0002}`;
    const similar = await t.call('GET', `/api/v1/me/grid-events/similar?${query}`, neighbour);
    expect(similar.statusCode, similar.body).toBe(200);
    const found = similar.json().items.find((i: { id: string }) => i.id === first.json().id);
    expect(found).toMatchObject({ state: 'reported', following: false });
    expect(found.distanceM).toBeLessThan(50);
    // Another category at the same point is not the same problem.
    const noise = await t.call(
      'GET',
      `/api/v1/me/grid-events/similar?category=noise&compoundId=${w.compoundId}&lat=${LAT}&lng=${LNG}`,
      neighbour,
    );
    expect(noise.json().items.some((i: { id: string }) => i.id === first.json().id)).toBe(false);

    const follow = await t.call('POST', `/api/v1/me/grid-events/${first.json().id}/follow`, neighbour);
    expect(follow.statusCode, follow.body).toBe(200);
    expect(follow.json()).toMatchObject({ relation: 'follower', state: 'reported' });
    const theirs = await t.call('GET', '/api/v1/me/grid-events', neighbour);
    expect(theirs.json().items.map((i: { id: string }) => i.id)).toEqual([first.json().id]);
    // The follower reads the event's progress, not the other resident's words or photos.
    const followed = await t.call('GET', `/api/v1/me/grid-events/${first.json().id}`, neighbour);
    expect(followed.json()).toMatchObject({ relation: 'follower', description: '', photos: [] });
    expect(followed.json().steps.map((s: { to: string }) => s.to)).toEqual(['reported']);
    const own = await t.call('GET', `/api/v1/me/grid-events/${first.json().id}`, 'hemu-resident');
    expect(own.json().photos).toHaveLength(1);
    expect((await t.call('GET', own.json().photos[0].url, 'hemu-resident')).statusCode).toBe(200);
    expect((await t.call('GET', own.json().photos[0].url, neighbour)).statusCode).toBe(404);
    // A follower may read the steps but neither reopen nor rate.
    const reopen = await t.call('POST', `/api/v1/me/grid-events/${first.json().id}/reopen`, neighbour, { reason: '还是不亮' });
    expect(reopen.statusCode).toBe(403);
  });

  it('shows every step by role with an unread marker, reopens within the rule’s days only, and takes one rating after closure', async () => {
    const filed = await postReport(t, 'hemu-resident', { ...lamp({ description: '1幢北面路灯闪烁' }), compoundId: w.compoundId }, [
      { name: 'lamp.png', data: PNG },
    ]);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    const read = () => t.call('GET', `/api/v1/me/grid-events/${id}`, 'hemu-resident');
    const listed = async () =>
      (await t.call('GET', '/api/v1/me/grid-events', 'hemu-resident')).json().items.find((i: { id: string }) => i.id === id);

    expect((await listed()).unread).toBe(false);
    const early = await t.call('POST', `/api/v1/me/grid-events/${id}/rating`, 'hemu-resident', { stars: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('grid.rating.not_closed');
    const tooEarly = await t.call('POST', `/api/v1/me/grid-events/${id}/reopen`, 'hemu-resident', { reason: '没修' });
    expect(tooEarly.statusCode).toBe(409);

    await w.staff(id, 'accepted', '已安排网格员查看');
    expect((await listed()).unread).toBe(true);
    expect((await read()).json().steps.map((s: { to: string }) => s.to)).toEqual(['reported', 'accepted']);
    expect((await listed()).unread).toBe(false); // opening it marked it read
    await w.staff(id, 'handled', '已更换灯泡');
    await w.staff(id, 'reviewed', '审核通过');
    await w.staff(id, 'closed', '办结');
    const closed = (await read()).json();
    expect(closed.state).toBe('closed');
    expect(closed.steps.map((s: { to: string }) => s.to)).toEqual(['reported', 'accepted', 'handled', 'reviewed', 'closed']);
    expect(closed.steps.map((s: { actorRole: string }) => s.actorRole)).toEqual([
      'resident',
      'community',
      'community',
      'community',
      'community',
    ]);
    // Who acted is a role: nobody's name, username or phone appears anywhere in what the resident reads.
    expect(JSON.stringify(closed)).not.toMatch(/hemu-worker|13\d{9}|actorId|reporterAccountId/);
    expect(closed.reopen).toMatchObject({ allowed: true, days: 7 });
    expect(closed.canRate).toBe(true);

    // The window is the rule's: 7 days after closure, by the clock passed in.
    const resident = { ...(await authUserByUsername(t.ctx, 'hemu-resident')), ip: '127.0.0.1' };
    const closedAt = new Date(closed.closedAt as string);
    await expect(reopenReport(t.ctx, resident, id, '晚上还是不亮', new Date(closedAt.getTime() + 8 * DAY))).rejects.toMatchObject({
      status: 409,
    });
    expect((await myReport(t.ctx, resident, id, new Date(closedAt.getTime() + 8 * DAY))).reopen.allowed).toBe(false);

    const rated = await t.call('POST', `/api/v1/me/grid-events/${id}/rating`, 'hemu-resident', { stars: 4, comment: '修得很快' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json().rating).toMatchObject({ stars: 4, comment: '修得很快' });
    expect(rated.json().canRate).toBe(false);
    const twice = await t.call('POST', `/api/v1/me/grid-events/${id}/rating`, 'hemu-resident', { stars: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('grid.rating.already');
    const badStars = await t.call('POST', `/api/v1/me/grid-events/${id}/rating`, 'hemu-resident', { stars: 6 });
    expect(badStars.statusCode).toBe(400);

    // Within the window the reporter reopens it: the event goes to 异议 (disputed).
    const reopened = await t.call('POST', `/api/v1/me/grid-events/${id}/reopen`, 'hemu-resident', { reason: '晚上还是不亮' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().state).toBe('disputed');
    expect(reopened.json().steps.at(-1)).toMatchObject({ from: 'closed', to: 'disputed', actorRole: 'resident' });
  });

  it('lists a compound’s events publicly without personal data, and keeps each resident to their own reports', async () => {
    const filed = await postReport(t, 'hemu-resident', {
      ...lamp({ description: '垃圾桶满溢', category: 'garbage_overflow' }),
      compoundId: w.compoundId,
      anonymous: 'true',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    await w.staff(id, 'accepted');
    await w.staff(id, 'handled', '已清运');

    const list = await t.call('GET', `/api/v1/me/grid-events/public?compoundId=${w.compoundId}`, neighbour);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { ref: string }) => i.ref === filed.json().ref);
    expect(item).toEqual({
      ref: filed.json().ref,
      category: 'garbage_overflow',
      state: 'handled',
      buildingName: null,
      reportedAt: expect.any(String),
      closedAt: null,
      handlingNote: '已清运',
    });
    for (const i of list.json().items)
      expect(Object.keys(i).sort()).toEqual(['buildingName', 'category', 'closedAt', 'handlingNote', 'ref', 'reportedAt', 'state']);
    expect(list.body).not.toMatch(/垃圾桶满溢|hemu-resident|reporter|photo|lat|lng/);

    // The neighbour cannot read, reopen, rate or fetch the photos of the demo resident's report.
    expect((await t.call('GET', `/api/v1/me/grid-events/${id}`, neighbour)).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/me/grid-events/${id}/reopen`, neighbour, { reason: 'x' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/me/grid-events/${id}/rating`, neighbour, { stars: 1 })).statusCode).toBe(404);
    const theirs = await t.call('GET', '/api/v1/me/grid-events', neighbour);
    expect(theirs.json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    // Nor a compound they do not live in.
    const other = await residentWorld(t);
    await t.ctx.database.pool.query(`delete from household_residents where compound_id = $1`, [other.compoundId]);
    expect((await t.call('GET', `/api/v1/me/grid-events/public?compoundId=${other.compoundId}`, neighbour)).statusCode).toBe(404);
    // And the staff's event API is closed to residents (they hold no grid permission).
    expect((await t.call('GET', `/api/v1/grid-events/${id}`, neighbour)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/grid-events', neighbour)).statusCode).toBe(403);
  });
});
