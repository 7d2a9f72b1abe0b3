import { adminPage } from '../_components/admin-page';
import { TokenManager } from './_components/token-manager';

const page = adminPage(
  { title: 'API tokens', description: 'Tokens let scripts and registry clients call Ferry as you (Authorization: Bearer …).' },
  TokenManager,
);
export const metadata = page.metadata;
export default page.Page;
