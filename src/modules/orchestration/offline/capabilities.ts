/**
 * Splits a request into the clauses that each ask for one thing and names the capability each needs
 * ("watch my Gmail for invoices" → email-read). Deterministic: a few word lists, no model.
 */
export interface Clause {
  text: string;
  action: string | null;
  object: string | null;
}

const ACTIONS: Record<string, string[]> = {
  read: ['watch', 'read', 'monitor', 'get', 'fetch', 'list', 'find', 'search', 'check', 'track', 'look', 'pull', 'collect', 'scan', 'query', 'download', 'summarize', 'summarise', 'when', 'whenever'],
  append: ['add', 'append', 'put', 'insert', 'log', 'record', 'save', 'write', 'store', 'update', 'copy', 'sync', 'upload', 'create', 'file', 'open'],
  post: ['post', 'ping', 'notify', 'send', 'message', 'alert', 'tell', 'share', 'announce', 'reply', 'email', 'text', 'dm'],
};

const OBJECTS: Record<string, string[]> = {
  email: ['gmail', 'email', 'emails', 'mail', 'inbox', 'outlook', 'invoice', 'invoices'],
  sheet: ['sheet', 'sheets', 'spreadsheet', 'spreadsheets', 'excel', 'airtable', 'table', 'csv'],
  chat: ['slack', 'teams', 'discord', 'telegram', 'channel', 'chat', 'whatsapp', 'sms', 'twilio'],
  code: ['github', 'gitlab', 'bitbucket', 'issue', 'issues', 'pr', 'pull', 'repo', 'repository', 'commit', 'git'],
  tasks: ['jira', 'linear', 'asana', 'trello', 'clickup', 'ticket', 'tickets', 'task', 'tasks', 'todo'],
  docs: ['notion', 'confluence', 'doc', 'docs', 'document', 'page', 'wiki', 'obsidian', 'note', 'notes'],
  calendar: ['calendar', 'meeting', 'meetings', 'event', 'events', 'schedule'],
  database: ['postgres', 'postgresql', 'mysql', 'mongodb', 'sqlite', 'redis', 'database', 'sql', 'supabase', 'bigquery'],
  web: ['web', 'website', 'page', 'url', 'browser', 'scrape', 'crawl', 'search'],
  files: ['file', 'files', 'folder', 'directory', 'drive', 'onedrive'],
  crm: ['hubspot', 'salesforce', 'crm', 'lead', 'leads', 'deal', 'deals', 'contact', 'contacts'],
  payments: ['stripe', 'paypal', 'payment', 'payments', 'charge', 'refund', 'shopify', 'order', 'orders'],
  monitoring: ['sentry', 'datadog', 'grafana', 'error', 'errors', 'alert', 'alerts', 'metric', 'metrics', 'incident'],
};

/** Where one request becomes several: conjunctions, sequencing words and punctuation. */
const SPLIT = /\s*(?:[,;.!?]+\s*(?:and\s+|then\s+|also\s+)?|\s+and\s+then\s+|\s+then\s+|\s+and\s+also\s+|\s+and\s+|\s+also\s+|\s+plus\s+|\s+after\s+that\s+)\s*/i;

export function splitClauses(text: string): Clause[] {
  const parts = text
    .split(SPLIT)
    .map((p) => p.trim())
    .filter((p) => /[a-z0-9]/i.test(p));
  const clauses = parts.map((p) => ({ text: p, action: detect(p, ACTIONS), object: detect(p, OBJECTS) }));
  return mergeFragments(clauses);
}

/** "labelled bug and urgent" splits badly: a clause with neither action nor object joins the previous one. */
function mergeFragments(clauses: Clause[]): Clause[] {
  const merged: Clause[] = [];
  for (const clause of clauses) {
    const last = merged[merged.length - 1];
    if (last && !clause.action && !clause.object) last.text = `${last.text} and ${clause.text}`;
    else merged.push({ ...clause });
  }
  return merged;
}

export function capabilityName(clause: Clause): string {
  const verb = clause.action === 'post' && clause.object === 'email' ? 'send' : clause.action;
  return [clause.object ?? 'general', verb ?? 'use'].join('-');
}

export function actionWords(action: string | null): string[] {
  return action ? ACTIONS[action] ?? [] : [];
}

function detect(text: string, table: Record<string, string[]>): string | null {
  const words = text.toLowerCase().split(/[^a-z0-9]+/);
  let best: { name: string; at: number } | null = null;
  for (const [name, list] of Object.entries(table)) {
    const at = words.findIndex((w) => list.includes(w));
    if (at >= 0 && (!best || at < best.at)) best = { name, at };
  }
  return best?.name ?? null;
}

/** A product the request names ("Sentry", "Google Sheet"), with where it appears. */
export interface Mention {
  text: string;
  at: number;
}

const KNOWN_PRODUCTS = new Set(
  ('gmail slack github gitlab bitbucket notion jira confluence linear sentry stripe paypal shopify airtable trello asana clickup hubspot salesforce ' +
    'discord telegram teams outlook twilio resend figma datadog grafana postgres postgresql mysql mongodb redis sqlite supabase bigquery ' +
    'obsidian youtube twitter reddit linkedin firecrawl tavily brave playwright puppeteer zapier vercel cloudflare').split(' '),
);
const NOT_PRODUCTS = new Set('I When Whenever Every Each Then And Also Please After Before If The A An My Our On In To For With From Daily Weekly'.split(' '));

/** Named products: runs of capitalised words past the first word, plus well-known product names in any case. */
export function productMentions(text: string): Mention[] {
  const words = [...text.matchAll(/[A-Za-z][A-Za-z0-9.+-]*/g)].map((m) => ({ word: m[0].replace(/[.]+$/, ''), at: m.index ?? 0 }));
  const mentions: Mention[] = [];
  let run: Mention | undefined;
  words.forEach(({ word, at }, i) => {
    const capitalised = i > 0 && /^[A-Z]/.test(word) && !NOT_PRODUCTS.has(word);
    if (capitalised && run) run.text = `${run.text} ${word}`;
    else if (capitalised) mentions.push((run = { text: word, at }));
    else {
      run = undefined;
      if (KNOWN_PRODUCTS.has(word.toLowerCase())) mentions.push({ text: word, at });
    }
  });
  return mentions;
}
