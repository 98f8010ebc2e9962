/** Where each Data Standard's inputs live under ../shared/edfi. */
export interface DataStandardInputs {
  dataStandard: string;
  informationalVersion: string;
  descriptorRelease: string;
  xsdRelease: string;
}

/** The Data Standards the project serves (kept apart from the compiler so the server does not load it). */
export const DATA_STANDARDS: DataStandardInputs[] = [{ dataStandard: '5.0', informationalVersion: '5.0.0', descriptorRelease: '5.2.0', xsdRelease: '5.2.0' }];
