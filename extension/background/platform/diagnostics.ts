// A bounded diagnostics log: every protocol surprise with its raw body, so a user (or we) can see
// why an account is unhappy without a debugger. Bounded in entries and in bytes per entry.
import type { DiagnosticEntry } from '../../shared/messages.ts';
import type { StorageItem } from './storage-item.ts';

export const DIAGNOSTICS_LIMIT = 300;
export const RAW_LIMIT = 4_000;

export function appendDiagnostic(log: DiagnosticEntry[], entry: DiagnosticEntry, limit = DIAGNOSTICS_LIMIT): DiagnosticEntry[] {
  const raw = entry.raw && entry.raw.length > RAW_LIMIT ? `${entry.raw.slice(0, RAW_LIMIT)}… (${entry.raw.length} chars)` : entry.raw;
  const next = [...log, { ...entry, raw }];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** Serialises writes so concurrent reports never lose each other. */
export function diagnosticsLog(item: StorageItem<DiagnosticEntry[]>) {
  let queue = Promise.resolve();
  return {
    add(entry: DiagnosticEntry): Promise<void> {
      queue = queue.then(() => item.update((log) => appendDiagnostic(log, entry)).then(() => undefined)).catch(() => undefined);
      return queue;
    },
    async list(accountId?: string): Promise<DiagnosticEntry[]> {
      const log = await item.get();
      return accountId ? log.filter((e) => e.accountId === accountId) : log;
    },
  };
}
