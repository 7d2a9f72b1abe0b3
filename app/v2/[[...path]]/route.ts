import { everyMethod } from '@/lib/api/other-methods';
import { handleOciRequest } from '@/lib/oci/handle-request';

// /v2/… — the OCI distribution API; lib/oci/handle-request.ts dispatches by path and method.
// OPTIONS is left to Next.js, which answers it with the exported methods in `Allow`.
export const { GET, HEAD, POST, PUT, PATCH, DELETE } = everyMethod(handleOciRequest);
