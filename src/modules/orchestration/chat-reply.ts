import type { RequiredCredential, RequiredFile, StoredItemResult } from '../agents/ports/credentials.port';
import { Plan } from './plan.types';

/** The human-readable reply for each outcome of a chat turn. Never includes a credential value. */
export function stepsText(plan: Plan): string {
  return plan.steps.map((s) => `${s.order}. ${s.description} (${nameOf(plan, s.server)}${s.tool ? `: ${s.tool}` : ''})`).join('\n');
}

export function analyzingReply(plan: Plan): string {
  return plan.clarifyingQuestion ?? 'Could you tell me more about what the agent should do and which services it should use?';
}

export function pendingReply(plan: Plan, credentials: RequiredCredential[], files: RequiredFile[], refused: StoredItemResult[], stored: StoredItemResult[]): string {
  const parts = [`I picked ${names(plan)}.`];
  if (stored.length) parts.push(`Saved ${stored.map(label).join(', ')}.`);
  if (refused.length) parts.push(`I could not accept ${refused.map((r) => `${label(r)} (${r.reason ?? 'invalid'})`).join('; ')}.`);
  const needs = [...credentials.map((c) => `${c.credential_key} for ${nameOf(plan, c.mcp_server)}`), ...files.map((f) => `the ${f.key} file${f.mcp_server ? ` for ${nameOf(plan, f.mcp_server)}` : ''}`)];
  parts.push(`To finish, I need ${needs.length === 1 ? 'one thing' : `${needs.length} things`}: ${needs.join(', ')}. Each comes with step-by-step instructions; send them in your next message under "credentials" (or "files").`);
  parts.push(`Workflow:\n${stepsText(plan)}`);
  return parts.join(' ');
}

export function successReply(plan: Plan, agentId: string, created: boolean, stored: StoredItemResult[]): string {
  const saved = stored.length ? `Saved ${stored.map(label).join(', ')}. ` : '';
  const what = created ? `Your agent is ready (id ${agentId})` : `Your agent ${agentId} is already set up for this plan`;
  return `${saved}${what}, using ${names(plan)}.\nWorkflow:\n${stepsText(plan)}`;
}

/** The plan is complete but the catalog has no way to start one of its servers: nothing was created. */
export function unlaunchableReply(plan: Plan, serverId: string): string {
  return `I picked ${names(plan)}, but the catalog has no launch configuration for ${nameOf(plan, serverId)}, so I cannot build the agent yet. Which other service should I use instead of ${nameOf(plan, serverId)}?`;
}

export function errorReply(): string {
  return 'Something went wrong while planning this request. Nothing was created; please try again in a moment.';
}

function names(plan: Plan): string {
  const list = plan.selected.map((s) => s.name);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0] ?? 'no servers';
}

function nameOf(plan: Plan, id: string): string {
  return plan.selected.find((s) => s.id === id)?.name ?? id;
}

function label(r: StoredItemResult): string {
  return `${r.credential_key} (${r.mcp_server})`;
}
