/** What /replication/api/version reports; peers check `product` before trusting a cluster URL. */
export const FERRY_PRODUCT = 'ferry';
export const FERRY_VERSION = '0.1.0';
/** Bumped when the cluster-to-cluster API changes incompatibly. */
export const FERRY_CLUSTER_API_VERSION = 1;
