import type { Rule } from '../../types';
import { offlineNoAwsDataSources } from './offline-no-aws-data-sources';

export const offlineRules: readonly Rule[] = [offlineNoAwsDataSources];
