'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { Page } from '../paging/page';
import type { WebhookDeliveryInfo, WebhookRuleInfo } from './present';
import type { CreateWebhookRuleInput, WebhookOwnerSegment } from './schemas';

export type { WebhookDeliveryInfo, WebhookRuleInfo };

/** Whose rules: a config or a run-once task, by repository and name. */
export type RuleOwnerRef = { kind: WebhookOwnerSegment; projectId: string; repoName: string; name: string };

const basePath = (owner: RuleOwnerRef) =>
  `/replication/api/remote/distribution/webhook/${owner.kind}/${encodePath(owner.projectId, owner.repoName, owner.name)}`;
const rulesKey = (owner: RuleOwnerRef) => ['webhook-rules', owner.kind, owner.projectId, owner.repoName, owner.name] as const;

export function useWebhookRules(owner: RuleOwnerRef) {
  return useQuery({ queryKey: rulesKey(owner), queryFn: () => apiFetch<WebhookRuleInfo[]>(basePath(owner)) });
}

export function useCreateWebhookRule(owner: RuleOwnerRef) {
  return useRefreshingMutation(
    (input: CreateWebhookRuleInput) => apiFetch<WebhookRuleInfo>(basePath(owner), { body: input }),
    [rulesKey(owner)],
  );
}

export function useDeleteWebhookRule(owner: RuleOwnerRef) {
  return useRefreshingMutation(
    (ruleId: string) => apiFetch<null>(`${basePath(owner)}/${encodePath(ruleId)}`, { method: 'DELETE' }),
    [rulesKey(owner)],
  );
}

export function useSendTestDelivery(owner: RuleOwnerRef) {
  return useRefreshingMutation(
    (ruleId: string) => apiFetch<WebhookDeliveryInfo>(`${basePath(owner)}/${encodePath(ruleId)}/test`, { method: 'POST' }),
    (ruleId) => [[...rulesKey(owner), ruleId, 'deliveries']],
  );
}

/** A page of a rule's delivery log; polled every 2 s while a delivery is still pending. */
export function useWebhookDeliveries(owner: RuleOwnerRef, ruleId: string, page: number) {
  return useQuery({
    queryKey: [...rulesKey(owner), ruleId, 'deliveries', page],
    queryFn: () =>
      apiFetch<Page<WebhookDeliveryInfo>>(`${basePath(owner)}/${encodePath(ruleId)}/deliveries?pageNumber=${page}&pageSize=10`),
    placeholderData: keepPreviousData,
    // Pending deliveries change soon; new ones appear when runs end, so look again now and then.
    refetchInterval: (query) => (query.state.data?.records.some((d) => d.status === 'PENDING') ? 2000 : 10_000),
  });
}
