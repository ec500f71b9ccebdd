import { bedrockRules } from './rules/bedrock';
import { computeRules } from './rules/compute';
import { crossAccountRules } from './rules/cross-account';
import { encryptionRules } from './rules/encryption';
import { iamRules } from './rules/iam';
import { kmsRules } from './rules/kms';
import { monitoringRules } from './rules/monitoring';
import { offlineRules } from './rules/offline';
import { oidcRules } from './rules/oidc';
import { prodRules } from './rules/prod';
import { s3Rules } from './rules/s3';
import { tagsRules } from './rules/tags';
import type { Pack } from './run';

/** Every stack. */
export const BASELINE_PACK: Pack = {
  name: 'baseline',
  rules: [
    ...s3Rules,
    ...kmsRules,
    ...iamRules,
    ...oidcRules,
    ...crossAccountRules,
    ...encryptionRules,
    ...computeRules,
    ...monitoringRules,
    ...tagsRules,
    ...offlineRules,
    ...bedrockRules,
  ],
};

/** What production adds: stateful resources that refuse to be destroyed. */
export const PROD_PACK: Pack = { name: 'prod', rules: prodRules };

export const PACKS: readonly Pack[] = [BASELINE_PACK, PROD_PACK];
