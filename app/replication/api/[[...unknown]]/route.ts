import { unknownEndpoint } from '@/lib/api/other-methods';

// Any path under this prefix that no route matches: a 404 envelope for every method.
export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const OPTIONS = unknownEndpoint;
