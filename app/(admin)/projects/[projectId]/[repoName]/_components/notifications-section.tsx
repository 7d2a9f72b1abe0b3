'use client';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DeleteAction } from '@/components/ui/delete-action';
import { Field, FormError, Input, Label } from '@/components/ui/field';
import { Pager } from '@/components/ui/pager';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { ACTIONS, ActionsCell, DataTable } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { formatServerTime } from '@/lib/format/format';
import { eventMeaning, type NotificationEvent, notificationEvents } from '@/lib/notifications/events';
import {
  type RuleOwnerRef,
  useCreateWebhookRule,
  useDeleteWebhookRule,
  useSendTestDelivery,
  useWebhookDeliveries,
  useWebhookRules,
  type WebhookRuleInfo,
} from '@/lib/notifications/hooks';
import { createWebhookRuleSchema } from '@/lib/notifications/schemas';
import { usePermission } from '@/lib/users/hooks';

const DELIVERY_TONE = { DELIVERED: 'success', FAILED: 'danger', PENDING: 'running' } as const;

/** A config's or run-once task's webhook rules: list, add, remove, send a test, and each rule's delivery log. */
export function NotificationsSection({ owner }: { owner: RuleOwnerRef }) {
  const rules = useWebhookRules(owner);
  const maintain = usePermission(owner.projectId, 'MAINTAINER');
  return (
    <section className="stack" aria-labelledby="notifications-heading">
      <h2 className="flush" id="notifications-heading">
        Notifications
      </h2>
      <p className="muted flush">
        Each finished run is POSTed as JSON to every rule whose events match, signed with <code>X-Ferry-Signature</code> when the rule has a
        secret.
      </p>
      {rules.isPending ? (
        <TableSkeleton label="Loading webhook rules" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState title="No webhook rules">Add one to be told when runs fail, succeed or recover.</EmptyState>
      ) : (
        rules.data.map((rule) => <RuleCard key={rule.id} owner={owner} rule={rule} disabledReason={maintain.reason} />)
      )}
      {maintain.allowed ? <AddRuleForm owner={owner} /> : null}
    </section>
  );
}

function RuleCard({ owner, rule, disabledReason }: { owner: RuleOwnerRef; rule: WebhookRuleInfo; disabledReason?: string }) {
  const remove = useDeleteWebhookRule(owner);
  const test = useSendTestDelivery(owner);
  return (
    <div className="card stack" data-testid="webhook-rule">
      <div className="row between">
        <div className="stack tighter">
          <strong>{rule.url}</strong>
          <span className="muted">
            {rule.events.join(', ')} · {rule.hasSecret ? 'signed' : 'unsigned'} · added by {rule.createdBy}{' '}
            {formatServerTime(rule.createdTime)}
          </span>
        </div>
        <div className="row">
          <Button
            size="sm"
            disabled={test.isPending}
            disabledReason={disabledReason}
            onClick={() =>
              test.mutate(rule.id, {
                onSuccess: () => toast('Test delivery queued'),
                onError: (error) => toast(error.message, 'error'),
              })
            }
          >
            Send test
          </Button>
          <DeleteAction
            what="webhook rule"
            label={`Delete webhook rule ${rule.url}`}
            title={`Delete the webhook rule to ${rule.url}?`}
            description="Its delivery log goes with it; deliveries still pending are not sent."
            run={() => remove.mutateAsync(rule.id)}
            disabledReason={disabledReason}
          />
        </div>
      </div>
      <DeliveryLog owner={owner} ruleId={rule.id} />
    </div>
  );
}

function DeliveryLog({ owner, ruleId }: { owner: RuleOwnerRef; ruleId: string }) {
  const [page, setPage] = useState(1);
  const deliveries = useWebhookDeliveries(owner, ruleId, page);
  if (deliveries.isPending) return <TableSkeleton rows={2} label="Loading deliveries" />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />;
  const { records, totalPages, totalRecords } = deliveries.data;
  if (records.length === 0) return <p className="muted flush">No deliveries yet.</p>;
  return (
    <div className="stack tighter">
      <DataTable caption="Delivery log" columns={['Time', 'Event', 'Status', 'Code', 'Attempts', 'Last error', ACTIONS]}>
        {records.map((delivery) => (
          <tr key={delivery.id} data-testid="webhook-delivery">
            <td>{formatServerTime(delivery.createdTime)}</td>
            <td>{delivery.event}</td>
            <td>
              <Badge tone={DELIVERY_TONE[delivery.status]}>{delivery.status}</Badge>
            </td>
            <td>{delivery.lastStatusCode ?? '—'}</td>
            <td>{delivery.attempts}</td>
            <td className="muted">
              {delivery.lastError ?? ''}
              {delivery.nextAttemptTime ? ` next attempt ${formatServerTime(delivery.nextAttemptTime)}` : ''}
            </td>
            <ActionsCell>{delivery.executionId ? <a href={`/runs/${encodeURIComponent(delivery.executionId)}`}>Run</a> : null}</ActionsCell>
          </tr>
        ))}
      </DataTable>
      <Pager page={page} totalPages={totalPages} total={totalPages > 1 ? `${totalRecords} deliveries` : undefined} onPage={setPage} />
    </div>
  );
}

function AddRuleForm({ owner }: { owner: RuleOwnerRef }) {
  const create = useCreateWebhookRule(owner);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>(['RUN_FAILED']);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { url, secret: secret || undefined, events };
    // The API's own schema, so the form refuses what the server would.
    const parsed = createWebhookRuleSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError({ field: String(issue?.path[0] ?? ''), message: issue?.message ?? 'invalid' });
      return;
    }
    setError(null);
    create.mutate(input, {
      onSuccess: () => {
        toast('Webhook rule added');
        setUrl('');
        setSecret('');
      },
      onError: (failure) => setError({ field: 'field' in failure ? (failure.field as string | null) : null, message: failure.message }),
    });
  };
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);
  const toggle = (name: NotificationEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, name] : current.filter((e) => e !== name)).sort());
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add webhook rule" noValidate>
      <h3 className="flush">Add webhook rule</h3>
      <Field label="URL" hint="http(s); the outbound policy applies, as for remote targets" error={fieldError('url')}>
        <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example/ferry" />
      </Field>
      <Field label="Secret (optional)" hint="at least 16 characters; stored encrypted, never shown again" error={fieldError('secret')}>
        <Input type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </Field>
      <fieldset className="stack tighter">
        <legend>Events</legend>
        {notificationEvents.map((name) => (
          <div className="row" key={name}>
            <Checkbox id={`event-${name}`} checked={events.includes(name)} onCheckedChange={(on) => toggle(name, on === true)} />
            <Label htmlFor={`event-${name}`}>
              {name} <span className="muted">— {eventMeaning[name]}</span>
            </Label>
          </div>
        ))}
        {fieldError('events') ? <span className="error">{fieldError('events')}</span> : null}
      </fieldset>
      <FormError message={error && !['url', 'secret', 'events'].includes(error.field ?? '') ? error.message : undefined} />
      <div className="row">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Add rule
        </Button>
      </div>
    </form>
  );
}
