// One store per page, fed by the worker connection. Pages and tests can inject a mock connection.
import { createUiStore, reduce, type UiStore } from './store.ts';
import type { WorkerConnection } from './connection.ts';

export function connectStore(connection: WorkerConnection): UiStore {
  const store = createUiStore();
  connection.listen((event) => store.setState((state) => reduce(state, event), true));
  return store;
}
