import { apiRoute } from '@/lib/http/route';
import { getSystemInfo } from '@/lib/system/system-info';

// GET /repository/api/system/info: the server time zone and version, for the UI's schedule previews.
export const GET = apiRoute({}, async () => getSystemInfo());
