import { Plan, PlanStep } from '../plan.types';

/**
 * Follow-up messages change a plan that already stands: "use Outlook instead of Gmail" swaps one
 * server, "also post to Slack" adds steps, "drop Slack" removes them. Anything else (a message that
 * only carries credentials, a thank-you) leaves the plan as it is.
 */
const INSTEAD = /(?:use|switch to|try)\s+(.+?)\s+instead\s+of\s+(.+)|(?:replace|swap)\s+(.+?)\s+(?:with|for)\s+(.+)|(?:switch|change)\s+(?:from\s+)?(.+?)\s+to\s+(.+)/i;
const ADD = /^\s*(?:and\s+)?(?:also|additionally|plus|add a step to|add)\b\s*(.+)/i;
const REMOVE = /^\s*(?:remove|drop|skip|don'?t use|do not use|without)\s+(.+)/i;

type PlanText = (text: string) => Promise<Plan>;

export async function refinePlan(plan: Plan, message: string, planText: PlanText): Promise<Plan> {
  const instead = INSTEAD.exec(message);
  if (instead) {
    const [incoming, outgoing] = instead[1] ? [instead[1], instead[2]] : instead[3] ? [instead[4], instead[3]] : [instead[6], instead[5]];
    return replace(plan, clean(outgoing), clean(incoming), planText);
  }
  const add = ADD.exec(message);
  if (add) return append(plan, await planText(add[1]));
  const remove = REMOVE.exec(message);
  if (remove) return without(plan, clean(remove[1]));
  return plan;
}

async function replace(plan: Plan, outgoing: string, incoming: string, planText: PlanText): Promise<Plan> {
  const target = findServer(plan, outgoing);
  const fresh = await planText(incoming);
  const newcomer = fresh.selected[0];
  if (!target || !newcomer) return plan;
  const selected = plan.selected.filter((s) => s.id !== target && s.id !== newcomer.id);
  selected.push({ ...newcomer, reason: `replaces ${plan.selected.find((s) => s.id === target)?.name ?? target} as asked` });
  const steps = plan.steps.map((s) => (s.server === target ? { ...s, server: newcomer.id, tool: fresh.steps[0]?.tool ?? null, description: s.description.replace(new RegExp(escape(outgoing), 'i'), incoming) } : s));
  const capabilities = plan.capabilities.map((c) => (c.server === target ? { ...c, server: newcomer.id } : c));
  return { ...plan, selected, steps, capabilities };
}

function append(plan: Plan, extra: Plan): Plan {
  if (!extra.understood) return plan;
  const known = new Set(plan.selected.map((s) => s.id));
  const selected = [...plan.selected, ...extra.selected.filter((s) => !known.has(s.id))];
  const steps = renumber([...plan.steps, ...extra.steps]);
  return { ...plan, selected, steps, capabilities: [...plan.capabilities, ...extra.capabilities] };
}

function without(plan: Plan, name: string): Plan {
  const target = findServer(plan, name);
  if (!target) return plan;
  const selected = plan.selected.filter((s) => s.id !== target);
  if (selected.length === 0) return plan;
  return {
    ...plan,
    selected,
    steps: renumber(plan.steps.filter((s) => s.server !== target)),
    capabilities: plan.capabilities.map((c) => (c.server === target ? { ...c, server: null } : c)),
  };
}

/** The selected server a user's words refer to: its name or id contains them, or they contain its name. */
function findServer(plan: Plan, words: string): string | undefined {
  const needle = words.toLowerCase();
  return plan.selected.find((s) => {
    const name = s.name.toLowerCase();
    return name.includes(needle) || needle.includes(name) || s.id.toLowerCase().includes(needle.replace(/\s+/g, '-'));
  })?.id;
}

function renumber(steps: PlanStep[]): PlanStep[] {
  return steps.map((s, i) => ({ ...s, order: i + 1 }));
}

function clean(text: string): string {
  return text.replace(/[.!?]+$/, '').replace(/^(?:the|my)\s+/i, '').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
