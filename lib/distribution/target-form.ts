import { z } from 'zod';

/** What forms type for a target: both kinds' fields, one of them chosen. */
export const targetFormFields = {
  targetKind: z.enum(['registry', 'cluster']),
  registry: z.string(),
  username: z.string(),
  password: z.string(),
  certificate: z.string(),
  clusterId: z.string(),
  remoteProjectId: z.string(),
  remoteRepoName: z.string(),
};
export type TargetFormValues = z.infer<z.ZodObject<typeof targetFormFields>>;

/** A target not yet filled in, of the kind the form starts on. */
export const emptyTarget = (targetKind: TargetFormValues['targetKind']): TargetFormValues => ({
  targetKind,
  registry: '',
  username: '',
  password: '',
  certificate: '',
  clusterId: '',
  remoteProjectId: '',
  remoteRepoName: '',
});

/** An empty input means "not sent" to the API. */
export const blank = (value: string) => (value.trim() === '' ? null : value);

/** The target fields of a create/update body: only the chosen kind's, so exactly one is sent. */
export function targetBody(values: TargetFormValues) {
  return values.targetKind === 'registry'
    ? {
        registry: blank(values.registry),
        username: blank(values.username),
        password: blank(values.password),
        certificate: blank(values.certificate),
      }
    : { clusterId: blank(values.clusterId), remoteProjectId: blank(values.remoteProjectId), remoteRepoName: blank(values.remoteRepoName) };
}

const REGISTRY_FIELDS = ['registry', 'username', 'password', 'certificate'];
const CLUSTER_FIELDS = ['clusterId', 'remoteProjectId', 'remoteRepoName'];
/** The API's target fields, which the forms name the same. */
export const TARGET_FIELDS = [...REGISTRY_FIELDS, ...CLUSTER_FIELDS];

/**
 * The field of the target kind the form shows for a field of either kind: "give registry or
 * clusterId" (reported on registry) is about whichever kind is chosen.
 */
export function shownTargetField(field: string | null, targetKind: TargetFormValues['targetKind']): string | null {
  if (field === null) return null;
  if (targetKind === 'cluster' && REGISTRY_FIELDS.includes(field)) return 'clusterId';
  if (targetKind === 'registry' && CLUSTER_FIELDS.includes(field)) return 'registry';
  return field;
}
