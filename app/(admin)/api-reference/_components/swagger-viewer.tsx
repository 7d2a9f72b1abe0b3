'use client';
import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';

// Rendered by swagger-ui from npm, bundled by Next.js: no script, style or font from another host.
// "Try it out" only for GET: changes from a browser need the session's X-CSRF-Token, which the
// admin pages send and swagger-ui does not.
export function SwaggerViewer() {
  return (
    <div className="api-reference">
      <SwaggerUI url="/api/openapi.json" supportedSubmitMethods={['get']} docExpansion="none" defaultModelsExpandDepth={-1} />
    </div>
  );
}
