/** `text` as a literal inside a LIKE/ILIKE pattern (its %, _ and backslash match themselves). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
