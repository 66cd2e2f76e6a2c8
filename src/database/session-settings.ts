/**
 * `hnsw.ef_search` every database session starts with. pgvector's default (40) also caps how many
 * rows one HNSW scan can return, and catalog search asks the index for 150 candidates
 * (INDEXED_VECTOR_CANDIDATES); raising it per session spares each search a transaction around
 * `SET LOCAL` (three extra round trips). It is no higher because the walk's cost grows with it.
 * Queries that need more rows than this still raise it locally (see
 * CatalogSearchRepository.vectorCandidates).
 */
export const HNSW_EF_SEARCH = 150;

/**
 * `random_page_cost` every session starts with. PostgreSQL's default (4) prices a random page read
 * as a disk seek, but the catalog's tables and indexes are small and stay cached. At 4 the planner
 * answered a full-text query of middling words ("retrieve a task", 1-2k of 8.8k servers matching)
 * with a sequential scan that detoasts and tests every server's tsvector: 3-18 ms where the GIN
 * index takes 1.5-3. 1.1 is the usual figure for cached or SSD-backed data.
 */
export const RANDOM_PAGE_COST = 1.1;

/** Run once per new connection, before any other query on it. */
export const SESSION_SETUP_SQL = `SET hnsw.ef_search = ${HNSW_EF_SEARCH}; SET random_page_cost = ${RANDOM_PAGE_COST}`;
