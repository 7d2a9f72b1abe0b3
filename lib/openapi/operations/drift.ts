import { driftItemsQuerySchema } from '../../drift/schemas';
import { ErrorCode } from '../../http/error-codes';
import type { Operation } from '../operation';

const DIST = '/replication/api/remote/distribution';
const CONFIG_ERRORS = [ErrorCode.REPOSITORY_NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND, ErrorCode.REPLICA_TASK_NOT_FOUND];
const CHECK =
  '{id, trigger (MANUAL|SCHEDULE), status (RUNNING|DONE|PARTIAL|FAILED), startTime, endTime, inSync, missing, different, extra, outOfSync, errorReason}';

// Drift verify and repair (Ferry extensions; README "Drift verify and repair").
export const driftOperations: Operation[] = [
  {
    route: `${DIST}/verify/[projectId]/[repoName]/[name]`,
    method: 'POST',
    tag: 'Drift',
    summary: "Compare a config's source with its target now",
    description:
      'Synchronous within FERRY_DRIFT_BUDGET_SECONDS: answers the ended check (PARTIAL when the budget ran out). 250303 while another check of the config runs.',
    access: 'MAINTAINER',
    data: CHECK,
    errors: [...CONFIG_ERRORS, ErrorCode.TASK_STATUS_INVALID],
    audited: true,
  },
  {
    route: `${DIST}/drift/[projectId]/[repoName]/[name]`,
    method: 'GET',
    tag: 'Drift',
    summary: "A config's latest drift check and a page of its out-of-sync items",
    access: 'VIEWER',
    query: driftItemsQuerySchema,
    data: `{check: ${CHECK} | null, items: {pageNumber, pageSize, totalRecords, totalPages, records: [{state, artifactKind, artifactName, version, sourceDigest, targetDigest, size}]}}`,
    errors: CONFIG_ERRORS,
  },
  {
    route: `${DIST}/drift/[projectId]/[repoName]`,
    method: 'GET',
    tag: 'Drift',
    summary: "Each config's latest drift check in a repository",
    access: 'VIEWER',
    data: `[{name, taskKey, check: ${CHECK}}] (configs never checked are absent)`,
    errors: [ErrorCode.REPOSITORY_NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND],
  },
  {
    route: `${DIST}/repair/[projectId]/[repoName]/[name]`,
    method: 'POST',
    tag: 'Drift',
    summary: "Queue a run of the latest check's missing and different artifacts",
    description:
      'The run (trigger REPAIR) overwrites what differs at the target whatever the conflict strategy. 250113 (409) when there is no check or nothing to repair; 250303 while a run of the config is queued or running.',
    access: 'MAINTAINER',
    data: '{executionId, artifacts}',
    errors: [...CONFIG_ERRORS, ErrorCode.REQUEST_DENIED, ErrorCode.TASK_STATUS_INVALID],
    audited: true,
  },
];
