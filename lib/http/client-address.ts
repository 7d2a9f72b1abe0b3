/** The caller's address as a proxy reports it (first X-Forwarded-For hop), for throttling and the audit log. */
export function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'direct';
}
