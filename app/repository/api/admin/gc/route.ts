import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getBlobStore } from '@/lib/storage';
import { collectGarbage } from '@/lib/storage/collect-garbage';

// POST /repository/api/admin/gc: removes blobs nothing references (older than 1 h) and stale uploads; returns counts.
export const POST = apiRoute({ path: '/repository/api/admin/gc', access: adminOnly, audit: 'gc.run' }, async ({ db, audit }) => {
  const result = await collectGarbage(db, getBlobStore());
  audit.note({ detail: { result } });
  return result;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
