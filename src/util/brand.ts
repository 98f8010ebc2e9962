/** Branded identifiers: a DocumentId cannot be passed where a ResourceName is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
/** 32 lowercase hex characters, as ODS serializes Guid ("N" format). */
export type DocumentId = Brand<string, 'DocumentId'>;
/** Entity name of a resource or descriptor, e.g. StudentSchoolAssociation. */
export type ResourceName = Brand<string, 'ResourceName'>;
/** Correlation id echoed in problem bodies and logs. */
export type CorrelationId = Brand<string, 'CorrelationId'>;
