/** The accounts, region and access keys of the promotion world. */
export const DEV = '111111111111';
export const TEST = '222222222222';
export const REGION = 'eu-west-1';
export const CALLER_KEY = 'AKIATESTDEPLOYCALLER';
export const WRONG_ACCOUNT_KEY = 'AKIADEVDEPLOYCALLER0';
export const PROMOTION_KEY = 'ASIATESTPROMOTIONKEY';
