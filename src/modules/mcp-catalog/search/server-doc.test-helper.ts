import { buildServerDocument, type ServerDocument } from './server-document';

/** A re-ranker test document: a server named by its id, with (name, description) tools. */
export function testServerDoc(id: string, description: string, tools: [string, string][], hasLaunchConfig = true): ServerDocument {
  return buildServerDocument({ id, name: id, description, categories: [], tools: tools.map(([name, d]) => ({ name, description: d })), hasLaunchConfig, credentialKeys: [] });
}
