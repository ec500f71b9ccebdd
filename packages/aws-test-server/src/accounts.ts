/** The accounts, region and access keys of the promotion world. */
export const DEV = '111111111111';
export const TEST = '222222222222';
export const PROD = '333333333333';
export const REGION = 'eu-west-1';
/** test's deploy caller (the GitHub deploy role of test). */
export const CALLER_KEY = 'AKIATESTDEPLOYCALLER';
/** dev's deploy caller: the wrong account for anything that targets test or prod. */
export const WRONG_ACCOUNT_KEY = 'AKIADEVDEPLOYCALLER0';
/** test's promotion role, as assumed by test's deploy caller. */
export const PROMOTION_KEY = 'ASIATESTPROMOTIONKEY';
/** prod's deploy caller. */
export const PROD_CALLER_KEY = 'AKIAPRODDEPLOYCALLER';
/** prod's promotion role, as assumed by prod's deploy caller. */
export const PROD_PROMOTION_KEY = 'ASIAPRODPROMOTIONKEY';

/** Who signs with an access key: an environment's deploy caller or its promotion role. */
export interface TestIdentity {
  readonly environment: 'dev' | 'test' | 'prod';
  readonly account: string;
  readonly role: 'deploy' | 'promotion';
}

const IDENTITIES: Readonly<Record<string, TestIdentity>> = {
  [WRONG_ACCOUNT_KEY]: { environment: 'dev', account: DEV, role: 'deploy' },
  [CALLER_KEY]: { environment: 'test', account: TEST, role: 'deploy' },
  [PROMOTION_KEY]: { environment: 'test', account: TEST, role: 'promotion' },
  [PROD_CALLER_KEY]: { environment: 'prod', account: PROD, role: 'deploy' },
  [PROD_PROMOTION_KEY]: { environment: 'prod', account: PROD, role: 'promotion' },
};

/** The identity an access key belongs to, if the world knows it. */
export function identityOf(accessKeyId: string | undefined): TestIdentity | undefined {
  return accessKeyId === undefined ? undefined : IDENTITIES[accessKeyId];
}

/** The account of a promotion role's key: the only identities that touch registries and buckets. */
export function promotionAccountOf(accessKeyId: string | undefined): string | undefined {
  const identity = identityOf(accessKeyId);
  return identity?.role === 'promotion' ? identity.account : undefined;
}

/** The promotion role's key a deploy caller receives from AssumeRole, in its own account. */
export function promotionKeyFor(accessKeyId: string | undefined): string | undefined {
  const identity = identityOf(accessKeyId);
  if (identity?.role !== 'deploy') return undefined;
  return Object.entries(IDENTITIES).find(
    ([, candidate]) => candidate.role === 'promotion' && candidate.account === identity.account,
  )?.[0];
}
