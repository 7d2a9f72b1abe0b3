import { Overview } from './_components/overview';
import { PageHeader } from './_components/page-header';

export const metadata = { title: 'Overview · Ferry' };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Distribution across all repositories." />
      <Overview />
    </>
  );
}
