/** What forms type for a target: both kinds' fields, one of them chosen. */
export type TargetFormValues = {
  targetKind: 'registry' | 'cluster';
  registry: string;
  username: string;
  password: string;
  certificate: string;
  clusterId: string;
  remoteProjectId: string;
  remoteRepoName: string;
};

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
