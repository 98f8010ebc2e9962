/** Where each Data Standard's inputs live under ../shared/edfi. */
export interface DataStandardInputs {
  dataStandard: string;
  informationalVersion: string;
  descriptorRelease: string;
  xsdRelease: string;
  /**
   * For a release without an official OpenAPI document: the release whose document it is derived from, as that
   * document plus what changed between the two releases' XSDs and ODS tables (docs/model.md). Both releases name
   * their ODS tables folder in `ddlRelease`.
   */
  derivedFrom?: string;
  ddlRelease?: string;
}

/**
 * The Data Standards the model compiler builds (kept apart from the compiler so the server does not load it).
 * ODS/API 7.3 serves DS 4.0, 5.2 (its default) and 6.1 (6.0 with 7.3.1); Ed-Fi API v8 serves 5.2 and 6.1. DS 3.3
 * and 5.0 stay for the state profiles' school years that documented them. DS 6.0 and 6.1 have no default descriptor
 * set of their own in our inputs: they carry 5.2.0's forward (docs/data-standards.md).
 */
export const DATA_STANDARDS: DataStandardInputs[] = [
  { dataStandard: '3.3', informationalVersion: '3.3.1-b', descriptorRelease: '3.3.1-b', xsdRelease: '3.3.1-b' },
  { dataStandard: '4.0', informationalVersion: '4.0.0', descriptorRelease: '4.0.0', xsdRelease: '4.0.0' },
  { dataStandard: '5.0', informationalVersion: '5.0.0', descriptorRelease: '5.0.0', xsdRelease: '5.0.0', ddlRelease: '5.0.0' },
  { dataStandard: '5.2', informationalVersion: '5.2.0', descriptorRelease: '5.2.0', xsdRelease: '5.2.0', ddlRelease: '5.2.0', derivedFrom: '5.0' },
  { dataStandard: '6.0', informationalVersion: '6.0.0', descriptorRelease: '5.2.0', xsdRelease: '6.0.0', ddlRelease: '6.0.0' },
  { dataStandard: '6.1', informationalVersion: '6.1.0', descriptorRelease: '5.2.0', xsdRelease: '6.1.0', ddlRelease: '6.1.0', derivedFrom: '6.0' },
];
