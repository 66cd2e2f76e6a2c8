import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as the SDK sent it. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: { model: string; max_tokens: number; system?: unknown; tools?: Array<{ name: string }>; messages: Array<{ role: string; content: unknown }> };
}

/** A scripted reply: a Messages API response body, or an HTTP error the SDK should retry or surface. */
export type ScriptedTurn = { content: Array<Record<string, unknown>>; stop_reason: 'tool_use' | 'end_turn' } | { status: number; error: string };

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Replies in order; when it runs out, the fake answers end_turn with "unchanged". */
  script: ScriptedTurn[];
  close(): Promise<void>;
}

/** A local server speaking just enough of the Messages API (POST /v1/messages) for the planner's tests. */
export async function startFakeAnthropic(script: ScriptedTurn[] = []): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const fake = { url: '', requests, script, close: async () => undefined } as FakeAnthropic;
  let id = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) return void res.writeHead(404).end();
      requests.push({ path: req.url, headers: req.headers, raw, body: JSON.parse(raw) });
      const turn = fake.script.shift() ?? { content: [{ type: 'text', text: 'unchanged' }], stop_reason: 'end_turn' as const };
      res.setHeader('content-type', 'application/json');
      if ('status' in turn) {
        res.writeHead(turn.status, { 'retry-after-ms': '1' });
        return void res.end(JSON.stringify({ type: 'error', error: { type: turn.error, message: turn.error } }));
      }
      const body = { id: `msg_${++id}`, type: 'message', role: 'assistant', model: 'fake', content: turn.content, stop_reason: turn.stop_reason, stop_sequence: null, usage: { input_tokens: raw.length / 4, output_tokens: 50 } };
      res.writeHead(200).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let toolUseId = 0;
export function toolUse(name: string, input: Record<string, unknown>): Record<string, unknown> {
  return { type: 'tool_use', id: `toolu_${String(++toolUseId).padStart(8, '0')}`, name, input };
}

/** The scripted turns that plan "GitHub issues labelled bug → Slack": search twice, propose, create. */
export function githubToSlackScript(github: string, slack: string): ScriptedTurn[] {
  return [
    { content: [{ type: 'text', text: 'Searching.' }, toolUse('search_catalog', { query: 'GitHub issues' }), toolUse('search_catalog', { query: 'post a Slack message' })], stop_reason: 'tool_use' },
    {
      content: [
        toolUse('propose_workflow', {
          servers: [
            { id: github, reason: 'reads issues labelled bug', score: 0.93 },
            { id: slack, reason: 'posts to #eng', score: 0.91 },
          ],
          steps: [
            { description: 'Find issues labelled bug', server: github, tool: 'list_issues' },
            { description: 'Post each to #eng', server: slack, tool: 'slack_post_message' },
          ],
          capabilities: ['issues-read', 'chat-post'],
        }),
      ],
      stop_reason: 'tool_use',
    },
    { content: [toolUse('create_agent', {})], stop_reason: 'tool_use' },
  ];
}
