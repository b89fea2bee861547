export const COLLECTOR_CONFIG = Symbol('CollectorConfig');
export const INGEST_SERVICE = Symbol('IngestService');
export const INGEST_AUTHORIZER = Symbol('IngestAuthorizer');
