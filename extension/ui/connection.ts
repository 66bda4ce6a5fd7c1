// How pages talk to the worker: typed requests (runtime.sendMessage) and live events (the `ui`
// port). Pages never talk to a service directly. The port reconnects when the worker restarts.
import browser from 'webextension-polyfill';
import type { Reply, RequestPayload, RequestType, ResponseMap, UiEvent } from '../shared/messages.ts';
import { UI_PORT } from '../shared/messages.ts';

export interface WorkerConnection {
  request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<ResponseMap[T]>;
  /** Receive events until the returned function is called. Reconnects after a worker restart. */
  listen(onEvent: (event: UiEvent) => void): () => void;
}

/** A request the worker refused or that failed: its message is meant for the user. */
export class RequestError extends Error {}

export const workerConnection: WorkerConnection = {
  async request(type, payload) {
    const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<typeof type> | undefined;
    if (!reply) throw new RequestError('The background engine did not answer.');
    if (!reply.ok) throw new RequestError(reply.error);
    return reply.value;
  },
  listen(onEvent) {
    let stopped = false;
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    const connect = () => {
      port = browser.runtime.connect({ name: UI_PORT });
      port.onMessage.addListener((event) => onEvent(event as UiEvent));
      // The worker was stopped (idle or killed): connecting again wakes it and brings a fresh snapshot.
      port.onDisconnect.addListener(() => {
        if (!stopped) setTimeout(connect, 100);
      });
    };
    connect();
    return () => {
      stopped = true;
      port?.disconnect();
    };
  },
};
