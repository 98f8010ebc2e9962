/** Where each Data Standard's inputs live under ../shared/edfi. */
export interface DataStandardInputs {
  dataStandard: string;
  informationalVersion: string;
  descriptorRelease: string;
  xsdRelease: string;
}

/**
 * The Data Standards the model compiler builds (kept apart from the compiler so the server does not load it).
 * The server serves ds-5.0 today; ds-3.3 and ds-4.0 are compiled for the state profiles' earlier school years.
 */
export const DATA_STANDARDS: DataStandardInputs[] = [
  { dataStandard: '3.3', informationalVersion: '3.3.1-b', descriptorRelease: '3.3.1-b', xsdRelease: '3.3.1-b' },
  { dataStandard: '4.0', informationalVersion: '4.0.0', descriptorRelease: '4.0.0', xsdRelease: '4.0.0' },
  { dataStandard: '5.0', informationalVersion: '5.0.0', descriptorRelease: '5.0.0', xsdRelease: '5.0.0' },
];
