/** Minimal argv parsing for the operator CLI: positional arguments and `--flag value` / `--flag`. */
export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags[name] = inline;
      else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) flags[name] = rest[++i];
      else flags[name] = true;
    } else positional.push(a);
  }
  return { command, positional, flags };
}

/** "90d", "12h", "365" (days) → days; "never" or "0" → 0. */
export function parseDuration(text: string): number {
  if (text === 'never') return 0;
  const m = /^(\d+)(d|h)?$/.exec(text);
  if (!m) throw new Error(`--expires-in must look like 90d, 12h or never; got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'h' ? n / 24 : n;
}
