// The popup's first screen straight from IndexedDB, with the plain API: no idb, no db-reader, so
// none of their code has to load before the first frame. main.tsx starts it at the top of the page
// script: one request for the newest conversations; the contacts list (the worker's compact
// records, ui/list-contacts.ts) right after the first render, on the same connection
// (docs/decisions/popup.md, "First frame", 26 and 30).
// The database is opened without a version and never created here: before the worker has set it
// up (a fresh install) the app reads the usual way (ui/db-reader.ts, which owns the schema).
import type { Conversation } from '../shared/domain.ts';
import { requestResult as result } from '../ui/idb-request.ts';

/** shared/db.ts's DB_NAME (first-screen.test.ts keeps them equal; importing it would pull idb in). */
export const FIRST_SCREEN_DB = 'switchboard';
/** The inbox shows at most this many conversations. */
export const INBOX_LIMIT = 500;

export interface FirstScreen {
  /** The open connection, for later reads (db-reader adopts it); undefined when not usable. */
  db: Promise<IDBDatabase | undefined>;
  /** Newest first, at most INBOX_LIMIT; undefined: read them the usual way. */
  conversations: Promise<Conversation[] | undefined>;
}

/** `getAllRecords` (Chrome 141+): the newest N by an index in one request. Not in TypeScript's DOM lib yet. */
interface RecordsIndex {
  getAllRecords(options: { direction: IDBCursorDirection; count: number }): IDBRequest<Array<{ value: Conversation }>>;
}

const hasRecords = (index: IDBIndex): index is IDBIndex & RecordsIndex => typeof (index as Partial<RecordsIndex>).getAllRecords === 'function';

function openExisting(factory: IDBFactory): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(FIRST_SCREEN_DB);
    } catch {
      resolve(undefined);
      return;
    }
    // No database yet: opening without a version would create an empty one at version 1, which the
    // schema's upgrade would then never see. Aborting the upgrade leaves it uncreated.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(undefined);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('conversations') || !db.objectStoreNames.contains('contacts')) {
        db.close();
        resolve(undefined);
        return;
      }
      // A newer schema wants the database: let it (this page reads the usual way afterwards).
      db.addEventListener('versionchange', () => db.close());
      resolve(db);
    };
  });
}

/** Start reading the first screen now. Never rejects: any failure reads as undefined. */
export function readFirstScreen(factory: IDBFactory = indexedDB, limit = INBOX_LIMIT): FirstScreen {
  const db = openExisting(factory);
  const conversations = db
    .then((open) => {
      if (!open) return undefined;
      const index = open.transaction('conversations', 'readonly').objectStore('conversations').index('byLastAt');
      // Without getAllRecords (Chrome < 141) an index reads oldest first: db-reader's count-then-read
      // path does the inbox then, after the app has loaded.
      if (!hasRecords(index)) return undefined;
      return result(index.getAllRecords({ direction: 'prev', count: limit })).then((rows) => rows.map((r) => r.value));
    })
    .catch(() => undefined);
  return { db, conversations };
}
