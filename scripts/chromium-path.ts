// Where Debian's Chromium is: $CHROMIUM_PATH, else /usr/bin/chromium. Never a downloaded browser.
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's Chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Flags every launch uses on this closed network (see shared/protocols/mv3-platform.md §2). */
export const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-gpu',
  '--disable-quic',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
