// What the running session's parts share: the hub's deps, the loop's abort signal, the live
// session state and a status reporter.
import type { ConnectorDeps, StatusReport } from '../connector.ts';
import type { SessionState } from './session.ts';

export interface RunContext {
  deps: ConnectorDeps;
  signal: AbortSignal;
  state: SessionState;
  report(report: StatusReport): void;
}

/** Reports a status only when it differs from the last one, so a healthy loop does not spam the hub. */
export function statusReporter(deps: Pick<ConnectorDeps, 'events'>): (report: StatusReport) => void {
  let last = '';
  return (report) => {
    const key = JSON.stringify(report);
    if (key === last) return;
    last = key;
    deps.events.status(report);
  };
}
