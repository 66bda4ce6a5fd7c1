// Checks the prerequisites once, with messages that say what to do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/chromium-path.ts';

export default function globalSetup(): void {
  chromiumPath();
  if (!existsSync(join(process.env.E2E_DIST ?? 'dist', 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does).');
}
