-- Catalog search: corpus statistics kept with the catalog, and one HNSW index per embedding model.

-- CreateTable
CREATE TABLE "catalog_search_state" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_search_state_pkey" PRIMARY KEY ("key")
);

-- hand-written: the embedding column is an untyped `vector` so several models can share the table;
-- each model gets a partial HNSW index over the expression cast to its dimension. Queries must use
-- the identical expression and model filter for the planner to pick the index. m/ef_construction are
-- below pgvector's defaults: builds are 2x faster on the embedded database and recall at
-- ef_search 200 over catalogs of this size stays near exact. Keep in step with HNSW_INDEXES in
-- catalog-search.repository.ts (bulk re-embedding drops and rebuilds these).
CREATE INDEX "mcp_server_embeddings_local_d384_hnsw_idx" ON "mcp_server_embeddings"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops) WITH (m = 12, ef_construction = 40) WHERE "model" = 'local-hash-tfidf-v1-d384-idf';
CREATE INDEX "mcp_server_embeddings_openai_3_small_hnsw_idx" ON "mcp_server_embeddings"
    USING hnsw (("embedding"::vector(1536)) vector_cosine_ops) WITH (m = 12, ef_construction = 40) WHERE "model" = 'text-embedding-3-small';
