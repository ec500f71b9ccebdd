// The layout is part of the platform's naming (packages/config), shared with blueprints and tools.
export { ML_BUCKET_FOLDERS, ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
