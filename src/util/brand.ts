/** Branded identifiers: a DocumentId cannot be passed where a CorrelationId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
/** 32 lowercase hex characters, as ODS serializes Guid ("N" format). */
export type DocumentId = Brand<string, 'DocumentId'>;
/** Correlation id echoed in problem bodies and logs. */
export type CorrelationId = Brand<string, 'CorrelationId'>;
