import { everyMethod, unknownEndpoint } from '@/lib/api/other-methods';

// Any path under this prefix that no route matches: a 404 envelope for every method.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod(unknownEndpoint);
