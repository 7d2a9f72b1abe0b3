import { handleOciRequest } from '@/lib/oci/handle-request';

// /v2/… — the OCI distribution API; lib/oci/handle-request.ts dispatches by path and method.
export const GET = handleOciRequest;
export const HEAD = handleOciRequest;
export const POST = handleOciRequest;
export const PUT = handleOciRequest;
export const PATCH = handleOciRequest;
export const DELETE = handleOciRequest;
