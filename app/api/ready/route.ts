import { otherMethods } from '@/lib/api/other-methods';
import { getDb } from '@/lib/db/client';
import { traceIdOf } from '@/lib/http/trace-context';
import { getBlobStore } from '@/lib/storage';
import { checkReadiness, readinessResponse } from '@/lib/system/readiness';

// GET /api/ready: readiness (no authentication): 200 when PostgreSQL, the migrations and the blob store are usable, else 503 naming the failing parts.
export async function GET(request: Request): Promise<Response> {
  return readinessResponse(await checkReadiness({ db: getDb, store: getBlobStore }), traceIdOf(request));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
