import type { ComponentType, ReactNode } from 'react';
import { PageHeader } from './page-header';

type Heading = { title: string; description: string; actions?: ReactNode };

/** A top-level admin page: one title for the heading and the browser tab, a line on what it is for, then `Content`. */
export function adminPage({ title, description, actions }: Heading, Content: ComponentType) {
  function AdminPage() {
    return (
      <>
        <PageHeader title={title} description={description} actions={actions} />
        <Content />
      </>
    );
  }
  return { metadata: { title: `${title} · Ferry` }, Page: AdminPage };
}
