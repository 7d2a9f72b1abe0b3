// Plain constants (no drizzle): the schema, the API's zod schemas and the UI share them.

export const executionStatuses = ['QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'CANCELLED', 'SKIPPED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];
