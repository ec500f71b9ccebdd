/**
 * Values the Bedrock APIs accept, as typed tables, so configuration is checked before a plan:
 * embedding models of knowledge bases with the vector dimensions each can produce, and the enums
 * of guardrails (API reference: GuardrailContentFilterConfig, GuardrailPiiEntityConfig,
 * GuardrailTopicConfig, GuardrailManagedWordsConfig).
 */

/**
 * Embedding models a knowledge base on OpenSearch Serverless can use, with the dimensions each
 * can emit (the first is the model's default). The vector index is created with the configured
 * dimension, so a mismatch would only fail at the first ingestion.
 */
export const EMBEDDING_MODELS = {
  'amazon.titan-embed-text-v1': [1536],
  'amazon.titan-embed-text-v2:0': [1024, 512, 256],
  'cohere.embed-english-v3': [1024],
  'cohere.embed-multilingual-v3': [1024],
} as const satisfies Readonly<Record<string, readonly number[]>>;
export type EmbeddingModelId = keyof typeof EMBEDDING_MODELS;
export const EMBEDDING_MODEL_IDS = Object.keys(EMBEDDING_MODELS) as [
  EmbeddingModelId,
  ...EmbeddingModelId[],
];

/** Filter strengths of a content filter, input and output alike. */
export const GUARDRAIL_FILTER_STRENGTHS = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type GuardrailFilterStrength = (typeof GUARDRAIL_FILTER_STRENGTHS)[number];

/** Content filter categories; PROMPT_ATTACK applies to input only (its output strength must be NONE). */
export const GUARDRAIL_CONTENT_FILTER_TYPES = [
  'SEXUAL',
  'VIOLENCE',
  'HATE',
  'INSULTS',
  'MISCONDUCT',
  'PROMPT_ATTACK',
] as const;
export type GuardrailContentFilterType = (typeof GUARDRAIL_CONTENT_FILTER_TYPES)[number];

/** GuardrailPiiEntityType of the Bedrock API reference. */
export const GUARDRAIL_PII_ENTITY_TYPES = [
  'ADDRESS',
  'AGE',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'CREDIT_DEBIT_CARD_NUMBER',
  'DRIVER_ID',
  'EMAIL',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  'IP_ADDRESS',
  'LICENSE_PLATE',
  'MAC_ADDRESS',
  'NAME',
  'PASSWORD',
  'PHONE',
  'PIN',
  'SWIFT_CODE',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER',
  'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  'URL',
  'USERNAME',
  'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  'US_PASSPORT_NUMBER',
  'US_SOCIAL_SECURITY_NUMBER',
  'VEHICLE_IDENTIFICATION_NUMBER',
] as const;
export type GuardrailPiiEntityType = (typeof GUARDRAIL_PII_ENTITY_TYPES)[number];

/** What a guardrail does with a detected PII entity. */
export const GUARDRAIL_PII_ACTIONS = ['BLOCK', 'ANONYMIZE'] as const;

/** The managed word lists a guardrail can apply. */
export const GUARDRAIL_MANAGED_WORD_LISTS = ['PROFANITY'] as const;

/** Chunking strategies of an S3 data source that this blueprint configures. */
export const CHUNKING_STRATEGIES = ['FIXED_SIZE', 'SEMANTIC', 'NONE'] as const;
