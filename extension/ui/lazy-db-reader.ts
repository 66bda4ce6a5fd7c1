// db-reader, and idb under it, as a lazy chunk for the popup: its first frame and its contacts are
// read without them (popup/first-screen.ts), so they need not load before. The popup offers the
// connection it already opened, and db-reader adopts it when it loads: no second open.
import { loader } from './loader.ts';

let offered: IDBDatabase | undefined;

export function offerConnection(db: IDBDatabase): void {
  offered = db;
}

export const dbReader = loader(() =>
  import('./db-reader.ts').then((reader) => {
    if (offered) reader.adoptConnection(offered);
    return reader;
  }),
);
