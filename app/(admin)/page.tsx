import { adminPage } from './_components/admin-page';
import { Overview } from './_components/overview';

const page = adminPage({ title: 'Overview', description: 'Distribution across all repositories.' }, Overview);
export const metadata = page.metadata;
export default page.Page;
