import { ProjectHeader } from '../../_components/project-header';
import { MemberList } from './_components/member-list';

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const projectId = decodeURIComponent((await params).projectId);
  return (
    <>
      <ProjectHeader
        projectId={projectId}
        description="Who may do what in this project. Administrators may do everything without a role."
      />
      <MemberList projectId={projectId} />
    </>
  );
}
