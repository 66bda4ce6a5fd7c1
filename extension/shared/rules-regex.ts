// Safety for user-written regular expressions. JavaScript regexes backtrack, so a careless
// pattern like `(a+)+$` can spin for minutes on a 30-character message and freeze the worker.
// Three defences, all applied when a rule is saved and again when the worker loads rules:
//   1. a static check that rejects the shapes known to blow up (nested variable repetition,
//      ambiguous alternatives under repetition, backreferences);
//   2. a measured probe: the compiled regex runs against growing "pump" inputs, and is rejected
//      as soon as one run exceeds a budget (this catches what the static check misses);
//   3. at match time the text fed to the regex is capped (REGEX_INPUT_CAP), so the probe's
//      largest input bounds the worst case.

export const REGEX_PATTERN_CAP = 300;
/** Code units of the message a regex ever sees (keywords and exact matching see the whole text). */
export const REGEX_INPUT_CAP = 500;
export const REGEX_ALLOWED_FLAGS = 'imsu';
/** One probe run slower than this rejects the pattern. Safe patterns take microseconds. */
export const REGEX_PROBE_BUDGET_MS = 25;

/** Quantifier bounds above which a repetition counts as "large" for the nesting check. */
const LARGE_REPEAT = 10;

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Full check used on save: flags, length, syntax, static hazards, measured probe. */
export function checkRegex(pattern: string, flags: string, now: () => number = defaultNow): RegexCheck {
  if (pattern.length === 0) return { ok: false, error: 'the pattern is empty' };
  if (pattern.length > REGEX_PATTERN_CAP) {
    return { ok: false, error: `the pattern is ${pattern.length} characters long; at most ${REGEX_PATTERN_CAP} are allowed` };
  }
  const flagError = checkFlags(flags);
  if (flagError) return { ok: false, error: flagError };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return { ok: false, error: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
  const hazard = findRegexHazard(pattern, flags.includes('i'));
  if (hazard) return { ok: false, error: hazard };
  const slow = probeRegex(regex, pattern, now);
  if (slow) return { ok: false, error: slow };
  return { ok: true, regex };
}

function checkFlags(flags: string): string | undefined {
  const seen = new Set<string>();
  for (const flag of flags) {
    // g and y make RegExp.test stateful (lastIndex), so a shared compiled regex would
    // alternate between matching and not matching the same text.
    if (!REGEX_ALLOWED_FLAGS.includes(flag)) return `flag "${flag}" is not allowed (use any of i, m, s, u)`;
    if (seen.has(flag)) return `flag "${flag}" is given twice`;
    seen.add(flag);
  }
  return undefined;
}

/** The text a regex is allowed to see: the first REGEX_INPUT_CAP code units, never half a surrogate pair. */
export function capRegexInput(text: string): string {
  if (text.length <= REGEX_INPUT_CAP) return text;
  const end = isHighSurrogate(text.charCodeAt(REGEX_INPUT_CAP - 1)) ? REGEX_INPUT_CAP - 1 : REGEX_INPUT_CAP;
  return text.slice(0, end);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const compiled = new Map<string, RegExp | null>();

/**
 * Compile for matching, memoised. Returns undefined for a pattern that fails the static or
 * syntax check (stored rules are validated on save; this guards data that bypassed it).
 * The probe is not rerun here: it ran when the rules were saved or loaded.
 */
export function compileRegex(pattern: string, flags: string): RegExp | undefined {
  const key = `${flags}/${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = null;
    if (pattern.length <= REGEX_PATTERN_CAP && !checkFlags(flags) && !findRegexHazard(pattern, flags.includes('i'))) {
      try {
        regex = new RegExp(pattern, flags);
      } catch {
        regex = null;
      }
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, regex);
  }
  return regex ?? undefined;
}

// ---- static check -------------------------------------------------------------------------

interface Branch {
  /** First literal character; null when it starts with a class, group, escape or optional atom. */
  first: string | null | undefined;
  atoms: number;
}

interface Frame {
  branches: Branch[];
  /** Holds (at any depth) a quantifier whose length varies, like +, *, {1,3}. */
  hasVariable: boolean;
  /** Holds (at any depth) an unbounded or large quantifier, like +, *, {2,}, {1,50}. */
  hasLarge: boolean;
}

type Atom = { kind: 'literal'; char: string } | { kind: 'other' } | { kind: 'group'; frame: Frame };

/** Returns a human explanation of the first known-catastrophic shape, or undefined. */
export function findRegexHazard(pattern: string, ignoreCase = false): string | undefined {
  const stack: Frame[] = [newFrame()];
  let atom: Atom | undefined;
  let i = 0;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const branch = (): Branch => top().branches[top().branches.length - 1] as Branch;
  const addAtom = (next: Atom): void => {
    atom = next;
    const b = branch();
    b.atoms += 1;
    if (b.first === undefined) b.first = next.kind === 'literal' ? (ignoreCase ? next.char.toLowerCase() : next.char) : null;
  };

  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const d = pattern[i + 1] ?? '';
      if (/[1-9]/.test(d) || (d === 'k' && pattern[i + 2] === '<')) {
        return 'backreferences (\\1, \\k<name>) are not allowed: they can make matching hang';
      }
      i += escapeLength(pattern, i);
      addAtom(/[A-Za-z0-9]/.test(d) ? { kind: 'other' } : { kind: 'literal', char: d });
      continue;
    }
    if (c === '[') {
      i = skipClass(pattern, i);
      addAtom({ kind: 'other' });
      continue;
    }
    if (c === '(') {
      stack.push(newFrame());
      atom = undefined;
      i += groupPrefixLength(pattern, i);
      continue;
    }
    if (c === ')') {
      const frame = stack.length > 1 ? (stack.pop() as Frame) : newFrame();
      if (frame.hasVariable) top().hasVariable = true;
      if (frame.hasLarge) top().hasLarge = true;
      addAtom({ kind: 'group', frame });
      i += 1;
      continue;
    }
    if (c === '|') {
      top().branches.push({ first: undefined, atoms: 0 });
      atom = undefined;
      i += 1;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      const hazard = applyQuantifier(quantifier, atom, top(), branch());
      if (hazard) return hazard;
      atom = undefined;
      i += quantifier.length;
      continue;
    }
    if (c === '^' || c === '$') {
      i += 1;
      continue;
    }
    addAtom(c === '.' ? { kind: 'other' } : { kind: 'literal', char: c });
    i += 1;
  }
  return undefined;
}

function newFrame(): Frame {
  return { branches: [{ first: undefined, atoms: 0 }], hasVariable: false, hasLarge: false };
}

interface Quantifier {
  min: number;
  max: number;
  length: number;
}

function readQuantifier(pattern: string, i: number): Quantifier | undefined {
  const c = pattern[i];
  const lazy = (n: number): number => (pattern[i + n] === '?' ? n + 1 : n);
  if (c === '*') return { min: 0, max: Infinity, length: lazy(1) };
  if (c === '+') return { min: 1, max: Infinity, length: lazy(1) };
  if (c === '?') return { min: 0, max: 1, length: lazy(1) };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
  if (!m) return undefined; // a literal brace
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { min, max, length: lazy(m[0].length) };
}

function applyQuantifier(q: Quantifier, atom: Atom | undefined, frame: Frame, branch: Branch): string | undefined {
  const large = q.max === Infinity || q.max > LARGE_REPEAT;
  // Small bounded inside small bounded, like (\d{1,3}\.){3}, is harmless; anything larger multiplies.
  if (atom?.kind === 'group' && q.max > 1 && ((large && atom.frame.hasVariable) || atom.frame.hasLarge)) {
    return 'nested repetition like (a+)+, (\\w*\\s?)* or (.*,){5} is not allowed: it can make matching hang — repeat a character class instead, e.g. [\\w\\s]+';
  }
  if (atom?.kind === 'group' && large) {
    if (ambiguous(atom.frame.branches)) {
      return 'a repeated group whose alternatives can start alike, like (\\w|\\d)+ or (a|ab)*, is not allowed: it can make matching hang — use a character class such as [\\w\\d]+ or factor the common start out';
    }
  }
  if (q.min !== q.max && q.max > 1) frame.hasVariable = true;
  if (large) frame.hasLarge = true;
  // An optional first atom means the branch's first character is not determined by it.
  if (q.min === 0 && atom !== undefined && branch.atoms === 1) branch.first = null;
  return undefined;
}

function ambiguous(branches: Branch[]): boolean {
  if (branches.length < 2) return false;
  const firsts = new Set<string>();
  for (const b of branches) {
    if (b.first === undefined || b.first === null) return true;
    if (firsts.has(b.first)) return true;
    firsts.add(b.first);
  }
  return false;
}

function escapeLength(pattern: string, i: number): number {
  const d = pattern[i + 1];
  if ((d === 'u' || d === 'p' || d === 'P') && pattern[i + 2] === '{') {
    const close = pattern.indexOf('}', i + 3);
    return close < 0 ? 2 : close - i + 1;
  }
  if (d === 'u') return 6;
  if (d === 'x') return 4;
  if (d === 'c') return 3;
  return 2;
}

function skipClass(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '^') j += 1;
  while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
  return j + 1;
}

function groupPrefixLength(pattern: string, i: number): number {
  if (pattern[i + 1] !== '?') return 1;
  const rest = pattern.slice(i, i + 4);
  if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) return 4;
  if (rest.startsWith('(?<')) {
    const close = pattern.indexOf('>', i);
    return close < 0 ? 3 : close - i + 1;
  }
  return 3; // (?: (?= (?!
}

// ---- measured probe -----------------------------------------------------------------------

const PROBE_LENGTHS = [8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96, 128, 192, 256, 384, REGEX_INPUT_CAP];

/**
 * Runs the regex on inputs that make backtracking engines work hardest: one character (or the
 * pattern's literal text) pumped to growing lengths and then spoiled by a character nothing
 * expects. Lengths grow slowly at first so an exponential pattern is caught while one run still
 * costs milliseconds, not hours.
 */
export function probeRegex(regex: RegExp, pattern: string, now: () => number): string | undefined {
  const pumps = pumpsFor(pattern);
  for (const length of PROBE_LENGTHS) {
    for (const pump of pumps) {
      const input = pump.repeat(Math.ceil(length / pump.length)).slice(0, length - 1) + '\u0000';
      const elapsed = fastestRun(regex, input, now);
      if (elapsed > REGEX_PROBE_BUDGET_MS) {
        return `the pattern took ${Math.round(elapsed)} ms on a ${length}-character test message (limit ${REGEX_PROBE_BUDGET_MS} ms); simplify it — avoid repeating groups that contain repetition`;
      }
    }
  }
  return undefined;
}

/**
 * One timed run; a run over the budget but within a few times of it is repeated (twice at most)
 * and the fastest counts. A backtracking pattern is slow every time; a busy machine pausing this
 * thread once is not a reason to refuse a user's rule. Far over the budget is final at once.
 */
function fastestRun(regex: RegExp, input: string, now: () => number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const started = now();
    regex.test(input);
    fastest = Math.min(fastest, now() - started);
    if (fastest <= REGEX_PROBE_BUDGET_MS || fastest > REGEX_PROBE_BUDGET_MS * 4) break;
  }
  return fastest;
}

function pumpsFor(pattern: string): string[] {
  const literals = pattern.replace(/\\.|\[[^\]]*\]|\{\d+(,\d*)?\}|[()|*+?^$.]/g, '');
  const pumps = new Set<string>(['a', '0', ' ', '中', 'a ', '0a']);
  for (const ch of literals.slice(0, 6)) pumps.add(ch);
  if (literals.length > 1) pumps.add(literals.slice(0, 12));
  return [...pumps];
}

function defaultNow(): number {
  return globalThis.performance.now();
}
