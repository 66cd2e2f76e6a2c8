-- The whole product's data model (see prisma/schema.prisma). Written in the form `prisma migrate diff`
-- produces, plus the parts Prisma cannot express (full-text and vector indexes) at the end.

CREATE EXTENSION IF NOT EXISTS "vector";

-- identities
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT,
    "google_subject" TEXT,
    "display_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_google_subject_key" ON "users"("google_subject");

CREATE TABLE "service_clients" (
    "id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "service_clients_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "service_clients_client_id_key" ON "service_clients"("client_id");

CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "rotated_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");

-- MCP catalog
CREATE TABLE "mcp_servers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "categories" TEXT[],
    "repository" TEXT,
    "source" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "quality_score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "search_document" tsvector,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "mcp_servers_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "mcp_servers_source_idx" ON "mcp_servers"("source");

CREATE TABLE "mcp_tools" (
    "server_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "input_schema" JSONB,
    "position" INTEGER NOT NULL,
    "search_document" tsvector,
    CONSTRAINT "mcp_tools_pkey" PRIMARY KEY ("server_id","name")
);

CREATE TABLE "mcp_launch_options" (
    "id" UUID NOT NULL,
    "server_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "transport" TEXT NOT NULL,
    "command" TEXT,
    "args" TEXT[],
    "env_template" JSONB NOT NULL DEFAULT '{}',
    "package_registry" TEXT,
    "package_identifier" TEXT,
    "url" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "mcp_launch_options_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "mcp_launch_options_server_id_position_key" ON "mcp_launch_options"("server_id", "position");

CREATE TABLE "mcp_credential_requirements" (
    "server_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL,
    "secret" BOOLEAN NOT NULL,
    "format" TEXT NOT NULL,
    "steps" TEXT[],
    "pattern" TEXT,
    "pattern_hint" TEXT,
    "file_type" TEXT,
    "file_shape" TEXT,
    CONSTRAINT "mcp_credential_requirements_pkey" PRIMARY KEY ("server_id","key")
);

CREATE TABLE "mcp_server_embeddings" (
    "server_id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "dimensions" INTEGER NOT NULL,
    "embedding" vector NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "mcp_server_embeddings_pkey" PRIMARY KEY ("server_id","model")
);

CREATE TABLE "catalog_sync_state" (
    "source" TEXT NOT NULL,
    "cursor" TEXT,
    "updated_since" TEXT,
    "last_run_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "catalog_sync_state_pkey" PRIMARY KEY ("source")
);

-- credentials vault
CREATE TABLE "credentials" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "server_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "nonce" BYTEA NOT NULL,
    "auth_tag" BYTEA NOT NULL,
    "wrapped_data_key" BYTEA NOT NULL,
    "key_version" TEXT NOT NULL,
    "file_name" TEXT,
    "file_type" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unverified',
    "status_reason" TEXT,
    "validated_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "credentials_owner_id_server_id_key_key" ON "credentials"("owner_id", "server_id", "key");
CREATE INDEX "credentials_expires_at_idx" ON "credentials"("expires_at");
CREATE INDEX "credentials_key_version_idx" ON "credentials"("key_version");

CREATE TABLE "credential_audit_events" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "server_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "purpose" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "credential_audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "credential_audit_events_owner_id_created_at_idx" ON "credential_audit_events"("owner_id", "created_at");

-- chat sessions
CREATE TABLE "chat_sessions" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "context" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "chat_sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "chat_sessions_owner_id_updated_at_idx" ON "chat_sessions"("owner_id", "updated_at");

CREATE TABLE "chat_messages" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "chat_messages_session_id_created_at_idx" ON "chat_messages"("session_id", "created_at");

-- agents and runs
CREATE TABLE "agents" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "session_id" UUID,
    "name" TEXT NOT NULL,
    "instructions" TEXT NOT NULL,
    "workflow" JSONB NOT NULL DEFAULT '{}',
    "server_info" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'ready',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "agents_owner_id_created_at_idx" ON "agents"("owner_id", "created_at");

CREATE TABLE "agent_servers" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "server_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "transport" TEXT NOT NULL,
    "command" TEXT,
    "args" TEXT[],
    "env" JSONB NOT NULL DEFAULT '{}',
    "url" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "agent_servers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "agent_servers_agent_id_server_id_key" ON "agent_servers"("agent_id", "server_id");

CREATE TABLE "agent_runs" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "output" TEXT,
    "error" TEXT,
    "trace" JSONB NOT NULL DEFAULT '[]',
    "duration_ms" INTEGER,
    "token_count" INTEGER,
    "cost_usd" DOUBLE PRECISION,
    "webhook_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "agent_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "agent_runs_owner_id_created_at_idx" ON "agent_runs"("owner_id", "created_at");
CREATE INDEX "agent_runs_agent_id_created_at_idx" ON "agent_runs"("agent_id", "created_at");

-- foreign keys
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "mcp_tools" ADD CONSTRAINT "mcp_tools_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "mcp_launch_options" ADD CONSTRAINT "mcp_launch_options_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "mcp_credential_requirements" ADD CONSTRAINT "mcp_credential_requirements_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "mcp_server_embeddings" ADD CONSTRAINT "mcp_server_embeddings_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "agent_servers" ADD CONSTRAINT "agent_servers_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- hand-written: full-text indexes (Prisma cannot declare GIN over tsvector)
CREATE INDEX "mcp_servers_search_document_idx" ON "mcp_servers" USING GIN ("search_document");
CREATE INDEX "mcp_tools_search_document_idx" ON "mcp_tools" USING GIN ("search_document");
