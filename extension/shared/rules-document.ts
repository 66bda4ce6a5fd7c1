// Import/export of auto-reply rules and settings as one versioned JSON document. Peers lose users'
// configurations on import (Ferdium #549, #2182, #1489), so the document carries a schema version,
// old versions are migrated step by step, and everything is validated before it replaces anything.
import { validateRules, validateSettings } from './rules.ts';
import type { AutoReplySettings, Rule, Validated, ValidateOptions } from './rules.ts';

export const AUTOREPLY_DOCUMENT_VERSION = 1;

export interface AutoReplyDocument {
  version: typeof AUTOREPLY_DOCUMENT_VERSION;
  /** Identifies the file; ignored on import. */
  app: 'switchboard';
  exportedAt: string;
  rules: Rule[];
  settings: AutoReplySettings;
}

/**
 * Step i turns a version i+1 document into version i+2. Version 1 is the first, so there are no
 * steps yet; a future version 2 appends one here and bumps AUTOREPLY_DOCUMENT_VERSION.
 */
const STEPS: ReadonlyArray<(doc: Record<string, unknown>) => Record<string, unknown>> = [];

/** Brings any known version up to the current one. Does not validate rules or settings. */
export function migrateAutoReplyDocument(raw: unknown): Validated<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['this is not a Switchboard auto-reply file (expected a JSON object)'] };
  }
  let doc = raw as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: ['this is not a Switchboard auto-reply file (no "version")'] };
  }
  if (version > AUTOREPLY_DOCUMENT_VERSION) {
    return {
      ok: false,
      errors: [`this file was made by a newer Switchboard (format ${version}; this one reads up to ${AUTOREPLY_DOCUMENT_VERSION}); update Switchboard first`],
    };
  }
  for (let from = version; from < AUTOREPLY_DOCUMENT_VERSION; from++) {
    const step = STEPS[from - 1];
    if (!step) return { ok: false, errors: [`no migration from format ${from}`] };
    doc = { ...step(doc), version: from + 1 };
  }
  return { ok: true, value: doc };
}

export function toAutoReplyDocument(rules: Rule[], settings: AutoReplySettings, now: number): AutoReplyDocument {
  return { version: AUTOREPLY_DOCUMENT_VERSION, app: 'switchboard', exportedAt: new Date(now).toISOString(), rules, settings };
}

export function exportAutoReplyDocument(rules: Rule[], settings: AutoReplySettings, now: number): string {
  return JSON.stringify(toAutoReplyDocument(rules, settings, now), null, 2);
}

/**
 * Parses, migrates and validates a file. `input` is the file's text, or an already parsed value.
 * Nothing is partially imported: the whole document or errors.
 */
export function importAutoReplyDocument(input: unknown, options: ValidateOptions = {}): Validated<AutoReplyDocument> {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return { ok: false, errors: [`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }
  const migrated = migrateAutoReplyDocument(raw);
  if (!migrated.ok) return migrated;
  const doc = migrated.value;
  const rules = validateRules(doc.rules ?? [], options);
  const settings = validateSettings(doc.settings ?? {});
  const errors = [...(rules.ok ? [] : rules.errors), ...(settings.ok ? [] : settings.errors.map((e) => `settings: ${e}`))];
  if (!rules.ok || !settings.ok) return { ok: false, errors };
  const exportedAt = typeof doc.exportedAt === 'string' ? doc.exportedAt : '';
  return { ok: true, value: { version: AUTOREPLY_DOCUMENT_VERSION, app: 'switchboard', exportedAt, rules: rules.value, settings: settings.value } };
}
