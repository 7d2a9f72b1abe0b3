// swagger-ui-dist ships no types; the one call the viewer makes (options: swagger-ui's "Configuration" docs).
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  const SwaggerUIBundle: (options: Record<string, unknown> & { domNode: HTMLElement; url: string }) => unknown;
  export default SwaggerUIBundle;
}
