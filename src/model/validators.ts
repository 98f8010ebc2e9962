import type { default as AjvType, ValidateFunction } from 'ajv';
import type { JsonSchema } from './types';

/** Inclusive integer ranges. int64's limits are not exact doubles: JSON numbers are doubles, and ±2^63 is where they round. */
const INT_RANGE: Record<number, [number, number]> = { 32: [-2147483648, 2147483647], 64: [-(2 ** 63), 2 ** 63] };

/** One ajv instance for a registry; counts compilations so benchmarks can prove none happen per request (G11). */
export function createValidatorFactory(): { compile: (s: JsonSchema) => ValidateFunction; count: () => number } {
  let ajv: AjvType | undefined;
  let count = 0;
  return {
    compile: (schema) => {
      count++;
      ajv ??= createAjv();
      return ajv.compile(schema);
    },
    count: () => count,
  };
}

/**
 * The ajv instance: all errors, Ed-Fi integer widths, non-default key integers. No coercion: the body was read the way
 * ODS binds it before validation (shape.ts), so what is left of the wrong type is refused (`"schoolId": true`).
 * Created on first compile.
 */
function createAjv(): AjvType {
  // Required here rather than imported: loading ajv costs start-up time and validators compile after start-up (G10).
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time']);
  ajv.addKeyword({
    keyword: 'edfiIntBits',
    type: 'number',
    errors: true,
    validate: function check(bits: number, data: number) {
      const [min, max] = INT_RANGE[bits];
      return data >= min && data <= max;
    },
  });
  ajv.addKeyword({ keyword: 'edfiNonEmpty', type: 'string', errors: true, validate: (on: boolean, data: string) => !on || data !== '' });
  ajv.addKeyword({ keyword: 'edfiNonZero', type: 'number', errors: true, validate: (on: boolean, data: number) => !on || data !== 0 });
  return ajv;
}
