// Builds what one run of one account's connector may use. Every write is bound to the run's
// signal: once the run is aborted (replaced, stopped), its late writes are dropped (invariant 6).
import browser from 'webextension-polyfill';
import type { Account } from '../../shared/domain.ts';
import { httpRequest } from '../platform/http.ts';
import { setAccountHeaderRules } from '../platform/header-rules.ts';
import { slotItem } from '../platform/stores.ts';
import type { AccountSlot, ConnectorDeps, ConnectorEvents } from '../services/connector.ts';

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function connectorDeps(account: Account, signal: AbortSignal, events: ConnectorEvents): ConnectorDeps {
  const slot = <T>(name: string): AccountSlot<T> => {
    const item = slotItem<T>(account.id, name);
    return {
      get: () => item.get(),
      set: async (value) => {
        if (!signal.aborted) await item.set(value);
      },
      clear: async () => {
        if (!signal.aborted) await item.remove();
      },
    };
  };
  return {
    account,
    events: guardEvents(events, signal),
    http: (request) => httpRequest({ ...request, signal: request.signal ?? signal }),
    slot,
    sleep: abortableSleep,
    now: () => Date.now(),
    random: () => Math.random(),
    setRequestHeaders: (rules) => setAccountHeaderRules(account.id, rules),
    cookie: async (url, name) => (await browser.cookies.get({ url, name }).catch(() => null))?.value,
  };
}

/** Events from an aborted run are dropped; message stores report nothing added. */
function guardEvents(events: ConnectorEvents, signal: AbortSignal): ConnectorEvents {
  const live = () => !signal.aborted;
  return {
    status: (report) => live() && events.status(report),
    self: async (id, label) => (live() ? events.self(id, label) : undefined),
    contacts: async (upsert, remove) => (live() ? events.contacts(upsert, remove) : undefined),
    messages: async (batch) => (live() ? events.messages(batch) : { added: [] }),
    recalled: async (id) => (live() ? events.recalled(id) : undefined),
    readElsewhere: async (peer) => (live() ? events.readElsewhere(peer) : undefined),
    diagnostic: (report) => live() && events.diagnostic(report),
  };
}
