import { resolve } from 'node:path';

/** The schemas folder shipped with the package (src/ and dist/ sit next to it). */
export const SCHEMAS_DIR = resolve(__dirname, '..', 'schemas');
