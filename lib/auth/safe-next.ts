/**
 * Where to go after sign-in: `next` only if it resolves to this origin, else '/'. Resolving with
 * the URL parser (as the browser will) catches what prefix checks miss: `/\evil`, `/%5Cevil`
 * after decoding, tabs and newlines the parser drops (`/\t/evil`), `javascript:`. The answer is
 * the absolute URL, so a path like `//evil` can never be read as protocol-relative later.
 */
export function safeNextUrl(next: string | null | undefined, origin: string): string {
  const home = new URL('/', origin).href;
  if (!next) return home;
  try {
    const url = new URL(next, origin);
    return url.origin === new URL(origin).origin && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : home;
  } catch {
    return home;
  }
}
