import { describe, expect, it } from 'vitest';
import { appendDiagnostic, diagnosticsLog, RAW_LIMIT } from './diagnostics.ts';
import { memoryArea, storageItem } from './storage-item.ts';
import type { DiagnosticEntry } from '../../shared/messages.ts';

const entry = (n: number, raw?: string): DiagnosticEntry => ({ at: n, accountId: 'qq:1', level: 'warn', what: `w${n}`, raw });

describe('diagnostics', () => {
  it('keeps only the newest entries', () => {
    let log: DiagnosticEntry[] = [];
    for (let i = 0; i < 10; i++) log = appendDiagnostic(log, entry(i), 3);
    expect(log.map((e) => e.at)).toEqual([7, 8, 9]);
  });

  it('bounds raw bodies and says how long they were', () => {
    const [stored] = appendDiagnostic([], entry(1, 'x'.repeat(RAW_LIMIT * 3)));
    expect(stored?.raw?.length).toBeLessThan(RAW_LIMIT + 40);
    expect(stored?.raw).toContain(`(${RAW_LIMIT * 3} chars)`);
  });

  it('loses nothing when reports arrive at once', async () => {
    const area = memoryArea();
    const log = diagnosticsLog(storageItem(() => area, 'd', (): DiagnosticEntry[] => []));
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.add(entry(i))));
    expect((await log.list()).length).toBe(20);
  });
});
