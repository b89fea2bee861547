import { mentionId } from '@pulse/contracts';
import type { DemoPost } from './demo-posts.js';
import { DemoRandom } from './demo-random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What a support agent did to one mention, at a moment of the demo's past. */
export interface DemoDeskAction {
  mentionId: string;
  topicId: string;
  /** The agent's name: the assignee, and the actor of the history events. */
  agent: string;
  /** Epoch ms, in the history (before the demo's first start). */
  at: number;
  status: 'in_progress' | 'resolved';
  tags: string[];
  /** The brand answered in the channel first: the desk waits until that answer is recorded. */
  answered: boolean;
}

/**
 * Where the demo's agents work: the product's support workflow, with the action's time as the
 * time of the change (the embedded host's WorkflowService.changeAt). `pending` when the mention
 * (or the answer it waits for) is not stored yet; `refused` when the workflow will not take it.
 */
export interface DemoDesk {
  handle(action: DemoDeskAction): Promise<'done' | 'pending' | 'refused'>;
  /** Whether the mention is stored: the backfill keeps only a few chunks in the pipeline, so live posts are not queued behind a week. */
  stored(mentionId: string): Promise<boolean>;
}

/** Agents of the brands with a support account (their answers are in the history). */
const AGENTS: Record<string, readonly string[]> = {
  mts: ['Ольга Кравец (МТС)', 'Артём Лаптев (МТС)', 'Ксения Власова (МТС)'],
  beeline: ['Ирина Соколова (Билайн)', 'Павел Никитин (Билайн)', 'Мария Данилова (Билайн)'],
};
/** Share of answered everyday requests an agent closes (the rest are still open), and how long after the answer (median). */
const ROUTINE = { resolved: 0.75, medianHours: 2.5 };
/** Share of complaints that do not address the brand which agents still pick up in Pulse. */
const PICKED_UP = 0.06;
const INCIDENT_TAG = 'outage';

export interface DeskPlanInput {
  posts: readonly DemoPost[];
  answers: readonly DemoPost[];
  incident: { topicId: string; start: number; end: number } | null;
  /** Nothing happens at or after it (the demo's first start). */
  end: number;
  seed?: number;
}

/**
 * The support team's past work in Pulse: outage complaints the brand answered are resolved
 * once service is back (tagged `outage`), most everyday answered requests within hours (in
 * support hours), and a few complaints that never addressed the brand are picked up and
 * resolved from Pulse. Oldest first; one mention's actions in order.
 */
export function deskActions(input: DeskPlanInput): DemoDeskAction[] {
  const rng = new DemoRandom(input.seed ?? 20_261_206);
  const byId = new Map(input.posts.map((p) => [mentionId(p.source, p.sourceId), p]));
  const actions: DemoDeskAction[] = [];
  const { incident } = input;
  // A complaint may have been answered twice (during the outage and again later): it is closed after the last answer.
  const lastAnswer = new Map<string, DemoPost>();
  for (const answer of input.answers) {
    const previous = answer.parentId === undefined ? undefined : lastAnswer.get(answer.parentId);
    if (answer.parentId !== undefined && (!previous || previous.meta.time < answer.meta.time)) lastAnswer.set(answer.parentId, answer);
  }
  for (const [id, answer] of lastAnswer) {
    const parent = byId.get(id);
    const agents = AGENTS[answer.meta.topicId];
    if (!parent || !agents) continue;
    const inOutage = incident !== null && parent.meta.topicId === incident.topicId && parent.meta.time >= incident.start && parent.meta.time < incident.end;
    let at: number;
    if (inOutage) {
      // Closed when service is back (the outage fades out in its last half hour), never before the answer.
      if (!rng.chance(0.92)) continue;
      at = Math.max(answer.meta.time + rng.int(5, 20) * MINUTE, incident.end - 30 * MINUTE + rng.int(0, 45) * MINUTE);
    } else {
      if (!rng.chance(ROUTINE.resolved)) continue;
      at = supportHours(answer.meta.time + Math.max(20 * MINUTE, ROUTINE.medianHours * HOUR * Math.exp(0.8 * rng.normal())), rng);
    }
    if (at >= input.end) continue;
    actions.push({ mentionId: id, topicId: parent.meta.topicId, agent: rng.pick(agents), at, status: 'resolved', tags: inOutage ? [INCIDENT_TAG] : [], answered: true });
  }
  for (const post of input.posts) {
    const agents = AGENTS[post.meta.topicId];
    if (!agents || post.meta.direct || post.meta.intent !== 'complaint' || post.source === 'rss' || !rng.chance(PICKED_UP)) continue;
    const agent = rng.pick(agents);
    const takenAt = supportHours(post.meta.time + Math.max(10 * MINUTE, 50 * MINUTE * Math.exp(0.7 * rng.normal())), rng);
    const resolvedAt = takenAt + Math.max(15 * MINUTE, 3 * HOUR * Math.exp(0.7 * rng.normal()));
    const id = mentionId(post.source, post.sourceId);
    if (takenAt < input.end) actions.push({ mentionId: id, topicId: post.meta.topicId, agent, at: takenAt, status: 'in_progress', tags: [], answered: false });
    if (resolvedAt < input.end) actions.push({ mentionId: id, topicId: post.meta.topicId, agent, at: resolvedAt, status: 'resolved', tags: [], answered: false });
  }
  return actions.sort((a, b) => a.at - b.at);
}

/** Support works 9:00–22:00 Moscow time: later moments move to the next morning shift. */
function supportHours(at: number, rng: DemoRandom): number {
  const hour = new Date(at + 3 * HOUR).getUTCHours();
  if (hour >= 9 && hour < 22) return at;
  const day = Math.floor((at + 3 * HOUR) / (24 * HOUR)) * 24 * HOUR + (hour >= 22 ? 24 * HOUR : 0);
  return day + 6 * HOUR + rng.int(5, 90) * MINUTE;
}

