'use client';
import dynamic from 'next/dynamic';
import { TableSkeleton } from '@/components/ui/states';

// swagger-ui is large: loaded only on this page, in the browser (it renders from the DOM, not on the server).
const SwaggerViewer = dynamic(() => import('./swagger-viewer').then((module) => module.SwaggerViewer), {
  ssr: false,
  loading: () => <TableSkeleton label="Loading the API reference" />,
});

export function ApiReference() {
  return (
    <>
      <p>
        The raw document: <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <SwaggerViewer />
    </>
  );
}
