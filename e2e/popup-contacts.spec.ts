// The popup's contacts list reads the worker's compact records (shared/compact-contacts.ts). Data
// stored before the worker kept them: the popup reads every full contact instead (nothing
// missing), and the next worker start rebuilds the records, after which the popup reads those.
import type { Page } from '@playwright/test';
import { addQqAccount, expect, request, test } from './popup-fixtures.ts';

/** The compact records' keys, read from an extension page. */
const compactKeys = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('kv').objectStore('kv').getAllKeys(IDBKeyRange.bound('contactsCompact|', 'contactsCompact}', false, true));
          keys.onsuccess = () => {
            open.result.close();
            resolve(keys.result as string[]);
          };
        };
      }),
  );

/** What an older version left: contacts and no compact records. (Tests may write; the extension's pages never do.) */
const dropCompactRecords = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').delete(IDBKeyRange.bound('contactsCompact|', 'contactsCompact}', false, true));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

/** Open the popup's contacts tab; the list's size once loaded, and whether the full contacts were read. */
async function contactsList(openPopup: () => Promise<Page>): Promise<{ size: string | null; fullRead: boolean; popup: Page }> {
  const popup = await openPopup();
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  const first = popup.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first();
  await expect(first).toBeVisible();
  await popup.waitForFunction(() => performance.getEntriesByName('contacts:ready').length > 0);
  const size = await first.getAttribute('aria-setsize');
  const fullRead = await popup.evaluate(() => performance.getEntriesByName('contacts:full-read').length > 0);
  return { size, fullRead, popup };
}

test('contacts without compact records are read in full, and the next worker rebuilds the records', async ({ ext }) => {
  const popup = await ext.openPopup();
  const accountId = await addQqAccount(popup);
  await expect(popup.locator(`.chip[data-account="${accountId}"]`)).toHaveClass(/chip-online/, { timeout: 30_000 });
  await expect.poll(() => compactKeys(popup)).toEqual([`contactsCompact|${accountId}`]);
  const fresh = await contactsList(() => ext.openPopup());
  expect(fresh.fullRead).toBe(false);
  expect(Number(fresh.size)).toBeGreaterThan(1);

  // Signed out, the account's loop writes no more contacts: only a worker start can rebuild.
  await request(popup, 'signOut', { accountId });
  await dropCompactRecords(popup);
  const old = await contactsList(() => ext.openPopup());
  expect(old).toMatchObject({ size: fresh.size, fullRead: true });

  await ext.killWorker();
  await expect.poll(() => compactKeys(popup)).toEqual([`contactsCompact|${accountId}`]);
  const rebuilt = await contactsList(() => ext.openPopup());
  expect(rebuilt).toMatchObject({ size: fresh.size, fullRead: false });
  expect(ext.errors).toEqual([]);
});
