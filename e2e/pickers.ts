// The shared date and time picker (web/src/app/DateTimeField.tsx) in browser tests: its testid may sit on the
// <input> or on the picker around it; a value is typed as shown ("2026-05-18" or "2026-05-18 18:00") and confirmed.
import type { Locator, Page } from 'playwright-core';

export async function fillPicker(scope: Page | Locator, testId: string, text: string): Promise<void> {
  const input = scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}
