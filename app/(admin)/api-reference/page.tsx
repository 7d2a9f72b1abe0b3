import { adminPage } from '../_components/admin-page';
import { ApiReference } from './_components/api-reference';

const page = adminPage(
  {
    title: 'API reference',
    description: 'Every endpoint with its request, envelope, error codes and auth, from /api/openapi.json (OpenAPI 3.1).',
  },
  ApiReference,
);
export const metadata = page.metadata;
export default page.Page;
