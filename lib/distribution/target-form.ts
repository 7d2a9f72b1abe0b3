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
