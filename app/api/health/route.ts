import { otherMethods } from '@/lib/api/other-methods';
import { getBackend } from '@/lib/db/client';

// GET /api/health: 200 once the database is open and migrated (no authentication; reveals nothing else).
export async function GET(): Promise<Response> {
  try {
    await getBackend();
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'starting' }, { status: 503 });
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
