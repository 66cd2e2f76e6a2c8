/**
 * `hnsw.ef_search` every database session starts with. pgvector's default (40) also caps how many
 * rows one HNSW scan can return, and catalog search asks the index for 150 candidates
 * (INDEXED_VECTOR_CANDIDATES); raising it per session spares each search a transaction around
 * `SET LOCAL` (three extra round trips). It is no higher because the walk's cost grows with it.
 * Queries that need more rows than this still raise it locally (see
 * CatalogSearchRepository.vectorCandidates).
 */
export const HNSW_EF_SEARCH = 150;

/** Run once per new connection, before any other query on it. */
export const SESSION_SETUP_SQL = `SET hnsw.ef_search = ${HNSW_EF_SEARCH}`;
