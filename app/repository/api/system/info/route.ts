import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getSystemInfo } from '@/lib/system/system-info';

// GET /repository/api/system/info: the server time zone and version, for the UI's schedule previews.
export const GET = apiRoute({ path: '/repository/api/system/info', access: signedIn }, async () => getSystemInfo());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
