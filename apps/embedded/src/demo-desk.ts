import type { DemoDesk, DemoDeskAction } from '@pulse/collector';
import type { GatewayFeature } from '@pulse/gateway';

type Outcome = Awaited<ReturnType<DemoDesk['handle']>>;

/**
 * The demo's support agents at the gateway's workflow: each action is a change made at its time
 * in the history (WorkflowService.changeAt), by the agent, through the same state machine as the
 * API's changes — no SQL of the demo's own. Only this host wires it: the API never takes a time.
 */
export class WorkflowDemoDesk implements DemoDesk {
  constructor(private readonly gateway: Pick<GatewayFeature, 'workflow'>) {}

  async stored(mentionId: string): Promise<boolean> {
    return (await this.gateway.workflow.loaders().workflow.load(mentionId)) !== null;
  }

  async handle(action: DemoDeskAction): Promise<Outcome> {
    const workflow = this.gateway.workflow;
    const state = await workflow.loaders().workflow.load(action.mentionId);
    // Not stored yet, or the brand's answer in the channel (the first response) not recorded yet.
    if (state === null || (action.answered && state.firstResponseAt === null)) return 'pending';
    try {
      await workflow.changeAt(action.mentionId, { status: action.status, assignee: action.agent, ...(action.tags.length > 0 ? { addTags: action.tags } : {}) }, `demo:${action.agent}`, new Date(action.at).toISOString());
      return 'done';
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'NOT_FOUND' || code === 'STORE_UNAVAILABLE') return 'pending';
      if (code === 'INVALID_ARGUMENT') return 'refused';
      throw error;
    }
  }
}
