// Staff file a grid event from the desk: the form names what is missing, the filed event opens on its own page,
// and a second report of the same problem at the same building is shown the open one first.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const suite = browserSuite();

async function fill(page: Page, compoundName: string, building: string, description: string) {
  await page.getByTestId('grid-new').click();
  await page.getByTestId('grid-new-category').waitFor();
  await pick(page, 'grid-new-category', '路灯', '路灯故障');
  await pick(page, 'grid-new-compound', compoundName);
  await pick(page, 'grid-new-building', building);
  await page.getByTestId('grid-new-description').fill(description);
}

describe('filing a grid event at the desk', () => {
  it('files at a building, opens the event, and offers the open one before filing the same problem again', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const name = `桌面登记小区-${tag}`;
    const compound = await apiCall<{ id: string }>(page, 'POST', '/compounds', {
      name,
      communityCode: '330105004001',
      address: `和睦路登记${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
      latitude: '30.310100',
      longitude: '120.140200',
    });
    await apiCall(page, 'POST', `/compounds/${compound.id}/households`, {
      items: [{ building: '5幢', unit: '1单元', room: '101', floorAreaM2: '60.00' }],
    });

    await page.goto(`${suite.url()}/grid-events`);
    await page.getByTestId('grid-events-page').waitFor();
    // Nothing filled: each field says it is required, nothing is filed.
    await page.getByTestId('grid-new').click();
    await page.getByTestId('grid-new-category').waitFor();
    await page.getByTestId('grid-new-submit').click();
    await page.locator('.ant-modal').getByText('必填').first().waitFor();
    expect(await page.locator('.ant-modal').getByText('必填').count()).toBe(3);
    await page.locator('.ant-modal-close').click();

    await fill(page, name, '5幢', '5幢门口路灯不亮，居民来电反映');
    await page.getByTestId('grid-new-submit').click();
    const eventPage = page.getByTestId('grid-event-page');
    await eventPage.waitFor();
    expect(await eventPage.getAttribute('data-state')).toBe('reported');
    expect(await eventPage.textContent()).toContain('工作人员登记');
    // The place in words: the compound and the building.
    expect(await eventPage.textContent()).toContain(`${name} 5幢`);
    const firstUrl = page.url();

    // The same problem again: the open event is offered first, with its link, and the button says 仍然登记.
    await page.goto(`${suite.url()}/grid-events`);
    await fill(page, name, '5幢', '5幢路灯又有人反映');
    await page.getByTestId('grid-new-duplicates').waitFor();
    expect(await page.getByTestId('grid-new-duplicates').textContent()).toContain('路灯故障');
    expect(await page.getByTestId('grid-new-duplicates').locator('a').first().getAttribute('href')).toBe(new URL(firstUrl).pathname);
    expect(await page.getByTestId('grid-new-submit').textContent()).toContain('仍然登记');
    await page.getByTestId('grid-new-submit').click();
    await eventPage.waitFor();
    await expect.poll(() => page.url()).not.toBe(firstUrl);
    await page.screenshot({ path: 'test-results/grid-desk-filed-1440.png', fullPage: true });
  });
});
