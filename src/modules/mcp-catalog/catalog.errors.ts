import { DomainError, NotFoundError } from '../../common/errors/domain-error';

export const CatalogErrorCode = {
  SERVER_NOT_FOUND: 'CATALOG_SERVER_NOT_FOUND',
  IMPORT_FAILED: 'CATALOG_IMPORT_FAILED',
  SYNC_FAILED: 'CATALOG_SYNC_FAILED',
} as const;

export class CatalogServerNotFound extends NotFoundError {
  constructor(id: string) {
    super(CatalogErrorCode.SERVER_NOT_FOUND, `No catalog server with id "${id}"`, { id });
  }
}

/** An import that cannot start (unreadable path, a file that is not JSON); nothing was written. */
export class CatalogImportFailed extends DomainError {
  readonly status = 400;
  readonly code = CatalogErrorCode.IMPORT_FAILED;
}

/** A registry sync that stopped; pages committed before the failure are kept. */
export class CatalogSyncFailed extends DomainError {
  readonly status = 502;
  readonly code = CatalogErrorCode.SYNC_FAILED;
}
