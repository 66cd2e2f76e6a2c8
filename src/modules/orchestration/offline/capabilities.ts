import { oneTypoFromAny } from '../../mcp-catalog/search/typo-correction';
import { isFileFormat, maskArguments, searchableText } from './request-arguments';

/**
 * Splits a request into the clauses that each ask for one thing and names the capability each needs
 * ("watch my Gmail for invoices" → email-read). Deterministic: a few word lists, no model.
 */
export interface Clause {
  text: string;
  action: string | null;
  object: string | null;
  /** Set on a clause the request implies rather than says (see impliedClauses): the capability's name. */
  implied?: string;
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

/**
 * Where one request becomes several: conjunctions, sequencing words and punctuation. Punctuation
 * splits only where it ends a word, so "15,000", "0.5", "example.com" and "/root/a.pptx" stay whole.
 */
const SPLIT = /\s*(?:[,;.!?]+(?=\s|$)\s*(?:and\s+|then\s+|also\s+)?|\s+and\s+then\s+|\s+then\s+|\s+and\s+also\s+|\s+and\s+|\s+also\s+|\s+plus\s+|\s+after\s+that\s+)\s*/i;

export function splitClauses(text: string): Clause[] {
  const parts = text
    .split(SPLIT)
    .map((p) => p.trim())
    .filter((p) => /[a-z0-9]/i.test(p));
  const clauses = parts.map((p) => ({ text: p, action: detect(p, ACTIONS), object: detect(p, OBJECTS) }));
  return mergeFragments(clauses);
}

/** A fragment this short ("urgent", "and more") is part of its neighbour, not a request of its own. */
const FRAGMENT_WORDS = 3;
/** A clause this short that is only a verb ("list", "connect", "look up") shares the next clause's object. */
const BARE_VERB_WORDS = 2;

/**
 * "labelled bug and urgent" splits badly: a short clause with neither action nor object joins the
 * previous one. A longer one is a sentence of its own ("I need a healer too") and stays apart. A bare
 * verb joins the clause after it ("list and filter issues" asks for one thing).
 */
function mergeFragments(clauses: Clause[]): Clause[] {
  const merged: Clause[] = [];
  let verb: Clause | undefined;
  for (const [i, clause] of clauses.entries()) {
    const last = merged[merged.length - 1];
    const words = clause.text.split(/\s+/).length;
    if (verb) merged.push({ ...clause, text: `${verb.text} and ${clause.text}`, action: verb.action ?? clause.action });
    else if (last && !clause.action && !clause.object && words <= FRAGMENT_WORDS) last.text = `${last.text} and ${clause.text}`;
    else if (words <= BARE_VERB_WORDS && !clause.object && (clause.action || i === 0) && i < clauses.length - 1) {
      verb = clause;
      continue;
    } else merged.push({ ...clause });
    verb = undefined;
  }
  return merged;
}

export function capabilityName(clause: Clause): string {
  if (clause.implied) return clause.implied;
  const verb = clause.action === 'post' && clause.object === 'email' ? 'send' : clause.action;
  return [clause.object ?? 'general', verb ?? 'use'].join('-');
}

export function actionWords(action: string | null): string[] {
  return action ? ACTIONS[action] ?? [] : [];
}

function detect(text: string, table: Record<string, string[]>): string | null {
  const words = searchableText(text).toLowerCase().split(/[^a-z0-9]+/);
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

export const KNOWN_PRODUCTS = new Set(
  ('gmail slack github gitlab bitbucket notion jira confluence linear sentry stripe paypal shopify airtable trello asana clickup hubspot salesforce ' +
    'discord telegram teams outlook twilio resend figma datadog grafana postgres postgresql mysql mongodb redis sqlite supabase bigquery ' +
    'obsidian youtube twitter reddit linkedin firecrawl tavily brave playwright puppeteer zapier vercel cloudflare').split(' '),
);
/** A well-known product name, or one typo from one ("slakc", "Notoin"): the user still means the product. */
export function isKnownProduct(word: string): boolean {
  const lower = word.toLowerCase();
  return KNOWN_PRODUCTS.has(lower) || oneTypoFromAny(lower, KNOWN_PRODUCTS);
}
const NOT_PRODUCTS = new Set('I When Whenever Every Each Then And Also Please After Before If The A An My Our On In To For With From Daily Weekly'.split(' '));

/**
 * Named products: runs of capitalised words past the first word (a file format such as "PDF" or "CSV"
 * is not one), plus well-known product names in any case.
 */
export function productMentions(text: string): Mention[] {
  const words = [...maskArguments(text).matchAll(/[A-Za-z][A-Za-z0-9.+-]*/g)].map((m) => ({ word: m[0].replace(/[.]+$/, ''), at: m.index ?? 0 }));
  const mentions: Mention[] = [];
  let run: Mention | undefined;
  words.forEach(({ word, at }, i) => {
    const capitalised = i > 0 && /^[A-Z]/.test(word) && !NOT_PRODUCTS.has(word) && !isFileFormat(word);
    if (capitalised && run) run.text = `${run.text} ${word}`;
    else if (capitalised) mentions.push((run = { text: word, at }));
    else {
      run = undefined;
      if (isKnownProduct(word)) mentions.push({ text: word, at });
    }
  });
  return mentions;
}
