import { Module } from '@nestjs/common';
import { McpLauncher } from './mcp-launcher';

/** Launching and connecting to MCP servers: the credentials live check now, agent runs later. */
@Module({
  providers: [McpLauncher],
  exports: [McpLauncher],
})
export class RuntimeModule {}
