/** Token strings of the default fixture, by label, so tests never hard-code them. */
export const FIXTURE_TOKENS = {
  admin: 'ghp_sim_admin',
  'read-only': 'ghp_sim_read_only',
  'delete-no-read': 'ghp_sim_delete_no_read',
  'no-repo': 'ghp_sim_no_repo',
  'fine-grained': 'ghp_sim_fine_grained',
  member: 'ghp_sim_member',
  'sso-unauthorized': 'ghp_sim_sso_unauthorized',
  monalisa: 'ghp_sim_monalisa',
  outsider: 'ghp_sim_outsider',
} as const;

export type FixtureTokenLabel = keyof typeof FIXTURE_TOKENS;
