// Live events to open pages over `ui` ports. Only our own pages may connect (invariant 8).
import type { Runtime } from 'webextension-polyfill';
import { UI_PORT, type UiEvent } from '../../shared/messages.ts';

export class UiPorts {
  private readonly ports = new Set<Runtime.Port>();

  constructor(
    private readonly isOwnPage: (url: string | undefined) => boolean,
    private readonly onConnect: (send: (event: UiEvent) => void) => void,
    /** The number of open pages went from 0 to some (true) or back to 0 (false). */
    private readonly onWatched: (watched: boolean) => void,
  ) {}

  accept(port: Runtime.Port): void {
    if (port.name !== UI_PORT || !this.isOwnPage(port.sender?.url)) {
      port.disconnect();
      return;
    }
    this.ports.add(port);
    if (this.ports.size === 1) this.onWatched(true);
    port.onDisconnect.addListener(() => this.drop(port));
    this.onConnect((event) => this.post(port, event));
  }

  broadcast(event: UiEvent): void {
    for (const port of this.ports) this.post(port, event);
  }

  get open(): number {
    return this.ports.size;
  }

  private post(port: Runtime.Port, event: UiEvent): void {
    try {
      port.postMessage(event);
    } catch {
      this.drop(port);
    }
  }

  private drop(port: Runtime.Port): void {
    if (this.ports.delete(port) && this.ports.size === 0) this.onWatched(false);
  }
}
