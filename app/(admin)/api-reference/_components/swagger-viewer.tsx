'use client';
import { useEffect, useRef, useState } from 'react';
import { ErrorState } from '@/components/ui/states';
import 'swagger-ui-dist/swagger-ui.css';
import './api-reference.css';

// swagger-ui's prebuilt bundle (swagger-ui-dist), served from Ferry's own chunks: no script, style or
// font from another host. Not swagger-ui-react: Turbopack mis-links its ApiDOM modules ("refract is
// not a function", vercel/next.js#86507, swagger-api/swagger-ui#10599); the bundle is already linked.
// "Try it out" only for GET: changes from a browser need the session's X-CSRF-Token, which the
// admin pages send and swagger-ui does not.
export function SwaggerViewer() {
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    import('swagger-ui-dist/swagger-ui-es-bundle.js')
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !container.current) return;
        SwaggerUIBundle({
          domNode: container.current,
          url: '/api/openapi.json',
          supportedSubmitMethods: ['get'],
          docExpansion: 'none',
          defaultModelsExpandDepth: -1,
          validatorUrl: null,
          deepLinking: false,
        });
      })
      .catch((error: unknown) => setFailure(error));
    return () => {
      cancelled = true;
    };
  }, []);
  if (failure) return <ErrorState error={failure} title="Could not load the API reference" />;
  return <div className="api-reference" ref={container} />;
}
