import { PageHeader } from '../../_components/page-header';
import { RunDetail } from './_components/run-detail';

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  return (
    <>
      <PageHeader title={`Run ${id.slice(0, 8)}`} description="One execution of a distribution config or run-once task." />
      <RunDetail id={id} />
    </>
  );
}
