import { otherMethods } from '@/lib/api/other-methods';
import { serveOpenApiDocument } from '@/lib/openapi/serve-document';

// GET /api/openapi.json: the OpenAPI 3.1 document of this API. Public, as the README and bk-repo's
// and Harbor's specs are: it describes the endpoints, never any data.
export async function GET(request: Request): Promise<Response> {
  return serveOpenApiDocument(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
