import { otherMethods } from '@/lib/api/other-methods';
import { answerMetricsRequest } from '@/lib/observability/metrics-endpoint';

// GET /metrics: Prometheus text format, with Authorization: Bearer <FERRY_METRICS_TOKEN>; 404 when off or moved to FERRY_METRICS_PORT.
export const GET = answerMetricsRequest;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
