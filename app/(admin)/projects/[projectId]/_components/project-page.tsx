import type { ComponentType } from 'react';
import { ProjectHeader } from './project-header';

type ProjectProps = { projectId: string };

/** A page of one project (`[projectId]` decoded): its header and tabs, then `Content`. */
export function projectPage(description: string, Content: ComponentType<ProjectProps>, Actions?: ComponentType<ProjectProps>) {
  return async function ProjectPage({ params }: { params: Promise<ProjectProps> }) {
    const projectId = decodeURIComponent((await params).projectId);
    return (
      <>
        <ProjectHeader projectId={projectId} description={description} actions={Actions ? <Actions projectId={projectId} /> : undefined} />
        <Content projectId={projectId} />
      </>
    );
  };
}
