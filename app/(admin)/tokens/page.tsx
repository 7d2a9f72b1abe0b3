import { PageHeader } from '../_components/page-header';
import { TokenManager } from './_components/token-manager';

export const metadata = { title: 'API tokens · Ferry' };

export default function TokensPage() {
  return (
    <>
      <PageHeader title="API tokens" description="Tokens let scripts and registry clients call Ferry as you (Authorization: Bearer …)." />
      <TokenManager />
    </>
  );
}
