import { DomainError } from '../../common/errors/domain-error';

export const CatalogSearchErrorCode = {
  QUERY_EMPTY: 'CATALOG_SEARCH_QUERY_EMPTY',
  QUERY_TOO_LONG: 'CATALOG_SEARCH_QUERY_TOO_LONG',
  QUERY_NOT_UTF8: 'CATALOG_SEARCH_QUERY_NOT_UTF8',
  LIMIT_OUT_OF_RANGE: 'CATALOG_SEARCH_LIMIT_OUT_OF_RANGE',
  UNKNOWN_CATEGORY: 'CATALOG_SEARCH_UNKNOWN_CATEGORY',
  BAD_PARAMETER: 'CATALOG_SEARCH_BAD_PARAMETER',
} as const;

type SearchErrorCode = (typeof CatalogSearchErrorCode)[keyof typeof CatalogSearchErrorCode];

/** A search request that cannot be answered as asked; always a 400 with a specific code. */
export class CatalogSearchInvalid extends DomainError {
  readonly status = 400;

  constructor(
    readonly code: SearchErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}
