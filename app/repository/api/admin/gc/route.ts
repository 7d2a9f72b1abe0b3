import { apiRoute } from '@/lib/http/route';
import { getBlobStore } from '@/lib/storage';
import { collectGarbage } from '@/lib/storage/collect-garbage';

// POST /repository/api/admin/gc: removes blobs nothing references (older than 1 h) and stale uploads; returns counts.
export const POST = apiRoute({}, async ({ db }) => collectGarbage(db, getBlobStore()));
