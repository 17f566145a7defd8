// A project's before and after photos in a real browser (zh-CN): the subdistrict officer opens the project's 改造前后
// tab, reads both empty states, files one photo before and one after the renovation (with a caption), sees each on its
// side, opens one in the lightbox, and finds the counts and the way to the photos on the compound's page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

// A real 1×1 PNG and a real 2×2 PNG (two different files, so the two photos are told apart by their bytes too).
const png1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const png2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==', 'base64');

async function filePhoto(page: Page, tag: 'before' | 'after', caption: string, name: string, buffer: Buffer) {
  const form = page.getByTestId('photo-upload-form');
  await form.getByTestId('photo-tag').click();
  await page.getByTestId(`photo-tag-${tag}`).click();
  await form.getByTestId('photo-caption').fill(caption);
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer });
}

describe('before and after photos', () => {
  it('files one photo before and one after the renovation and shows both in the gallery and on the compound', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const [compound] = (await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/compounds?limit=1')).items;
    const project = await apiCall<{ id: string }>(page, 'POST', '/projects', {
      name: '照片浏览器测试',
      year: 2022,
      compoundIds: [compound!.id],
    });

    await page.goto(`${suite.url()}/projects/${project.id}?tab=photos`);
    await page.getByTestId('project-photos').waitFor();
    expect(await page.getByTestId('photos-before-empty').textContent()).toContain('尚无改造前照片');
    expect(await page.getByTestId('photos-after-empty').textContent()).toContain('尚无改造后照片');

    await filePhoto(page, 'before', '北侧外墙剥落', '改造前.png', png1);
    await expect.poll(() => page.getByTestId('photos-before').getAttribute('data-count'), { timeout: 15_000 }).toBe('1');
    await filePhoto(page, 'after', '外墙修缮完成', '改造后.png', png2);
    await expect.poll(() => page.getByTestId('photos-after').getAttribute('data-count'), { timeout: 15_000 }).toBe('1');

    const before = page.getByTestId('photos-before').getByTestId('project-photo');
    const after = page.getByTestId('photos-after').getByTestId('project-photo');
    expect(await before.getByTestId('project-photo-caption').textContent()).toBe('北侧外墙剥落');
    expect(await after.getByTestId('project-photo-caption').textContent()).toBe('外墙修缮完成');
    // Each image is really the file filed on its side (1×1 before, 2×2 after).
    const width = (side: typeof before) => side.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
    await expect.poll(() => width(before), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => width(after), { timeout: 15_000 }).toBe(2);

    // Each tile is as wide as its column, whatever the picture's own size; a click opens the lightbox.
    expect(await before.locator('img').evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(100);
    await before.locator('img').click();
    await page.locator('.ant-image-preview').first().waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${suite.url()}/compounds/${compound!.id}`);
    const link = page.locator(`[data-testid="compound-project"][data-project-id="${project.id}"]`).getByTestId('compound-project-photos');
    await link.waitFor();
    await expect.poll(() => link.getAttribute('data-before'), { timeout: 15_000 }).toBe('1');
    expect(await link.getAttribute('data-after')).toBe('1');
    expect(await link.textContent()).toContain('改造前 1 张，改造后 1 张');
    await link.click();
    await page.waitForURL(/tab=photos/);
    await page.getByTestId('photos-after').getByTestId('project-photo').waitFor();
  });
});
