-- The read-only tool a live credential check may call (credinfo `validation_tool`), kept per server.
ALTER TABLE "mcp_servers" ADD COLUMN "validation_tool" JSONB;
