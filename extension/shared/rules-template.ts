// Reply templates: plain text with `{variable}` placeholders. `{{` and `}}` write a literal brace.
// Only `{identifier}` is a placeholder; any other brace is literal text, so "{ 笑 }" needs no escaping.
// Unknown variables are rejected when a rule is saved (a typo like {nmae} would otherwise reach the
// contact verbatim); at render time they are left visible, for data that bypassed validation.

export const TEMPLATE_VARIABLES = ['name', 'service', 'time', 'date', 'message'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export const TEMPLATE_CAP = 1000;

type Part = { text: string } | { variable: string; raw: string };

const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    const at = m.index;
    if (at > last) parts.push({ text: template.slice(last, at) });
    if (m[0] === '{{') parts.push({ text: '{' });
    else if (m[0] === '}}') parts.push({ text: '}' });
    else parts.push({ variable: m[1] as string, raw: m[0] });
    last = at + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

const isKnown = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);

/** Human errors for a template, empty when it is fine. */
export function checkTemplate(template: string): string[] {
  const errors: string[] = [];
  if (template.trim() === '') errors.push('the reply is empty');
  if (template.length > TEMPLATE_CAP) errors.push(`the reply is ${template.length} characters long; at most ${TEMPLATE_CAP} are allowed`);
  for (const part of parseTemplate(template)) {
    if ('variable' in part && !isKnown(part.variable)) {
      const hint = suggest(part.variable);
      errors.push(
        `unknown variable {${part.variable}}` +
          (hint ? ` — did you mean {${hint}}?` : '') +
          ` Known: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}; write {{ and }} for literal braces`,
      );
    }
  }
  return errors;
}

export function renderTemplate(template: string, values: TemplateValues): string {
  return parseTemplate(template)
    .map((part) => ('text' in part ? part.text : isKnown(part.variable) ? values[part.variable] : part.raw))
    .join('');
}

function suggest(name: string): TemplateVariable | undefined {
  const lower = name.toLowerCase();
  return TEMPLATE_VARIABLES.find((v) => v === lower || distance(v, lower) <= 2);
}

/** Levenshtein distance; inputs are identifiers of a few characters. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}
