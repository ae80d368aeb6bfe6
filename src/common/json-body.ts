import { InvalidSyntaxError, InvalidValueError } from '@app/scim-core';

/** Maximum JSON nesting accepted in a request body (reliability-plan.md §6). */
export const MAX_JSON_DEPTH = 32;
/** Request body limit (DESIGN.md §7): larger bodies get 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Rejects bodies nested deeper than MAX_JSON_DEPTH, iteratively (no recursion, so a hostile
 * 50,000-deep body cannot overflow the stack here or later in JSON.stringify), and strings or
 * keys holding U+0000, which PostgreSQL text cannot store (so both engines refuse them alike).
 */
export function assertJsonDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string' && v.includes('\u0000')) throw new InvalidValueError('Strings may not contain the NUL character (U+0000)');
    if (v === null || typeof v !== 'object') continue;
    for (const key of Object.keys(v as object)) if (key.includes('\u0000')) throw new InvalidValueError('Attribute names may not contain U+0000');
    if (depth > max) throw new InvalidSyntaxError(`JSON nesting deeper than ${max} levels`);
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
}
