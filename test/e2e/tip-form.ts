import type { Locator, Page } from 'playwright-core';

/** Opens the room's full tip form (note, private, anonymous) from the tip bar; returns it, open. */
export async function openTipForm(page: Page): Promise<Locator> {
  const form = page.getByRole('dialog', { name: /^Send a tip/ });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'More tip options' }).click();
  await form.waitFor();
  return form;
}
