import type { ApiKeyRole } from '@pulse/contracts';
import { GatewayError } from '../errors/gateway.errors.js';

/** handleMentions: the support workflow (status, assignee, tags, notes, tone corrections, typical answers). */
export type Permission = 'read' | 'subscribe' | 'manageTopics' | 'handleMentions' | 'manageKeys' | 'manageAlerts' | 'manageRules' | 'ingest';

/** viewer ⊂ analyst ⊂ admin; ingest is write-only and stands apart. */
const ROLE_PERMISSIONS: Record<ApiKeyRole, ReadonlySet<Permission>> = {
  viewer: new Set(['read', 'subscribe']),
  analyst: new Set(['read', 'subscribe', 'manageTopics', 'handleMentions']),
  // Rules can send mentions to outside systems with credentials: admins only.
  admin: new Set(['read', 'subscribe', 'manageTopics', 'handleMentions', 'manageKeys', 'manageAlerts', 'manageRules', 'ingest']),
  ingest: new Set(['ingest']),
};

export interface Principal {
  keyId: string;
  keyName: string;
  role: ApiKeyRole;
}

export function can(principal: Principal, permission: Permission): boolean {
  return ROLE_PERMISSIONS[principal.role].has(permission);
}

export function authorize(principal: Principal | undefined, permission: Permission): Principal {
  if (!principal) throw new GatewayError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
  if (!can(principal, permission)) {
    throw new GatewayError('FORBIDDEN', `an API key with role "${principal.role}" may not do this (needs ${permission})`);
  }
  return principal;
}

/**
 * What each root field needs. Every Query, Mutation and Subscription field must be
 * listed: the resolver guard refuses to start with one missing, so a new field cannot
 * ship readable by anyone by accident.
 */
export const ROOT_FIELD_PERMISSIONS: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Permission>> = {
  Query: {
    mentions: 'read',
    mention: 'read',
    topics: 'read',
    topic: 'read',
    sentimentTimeline: 'read',
    shareOfVoice: 'read',
    topAuthors: 'read',
    sourceBreakdown: 'read',
    negativeShare: 'read',
    me: 'read',
    apiKeys: 'manageKeys',
    alerts: 'read',
    // Delivery status names channels and carries their last errors: operators only.
    alertDelivery: 'manageAlerts',
    // Rules show helpdesk URLs and header names: readable by whoever may edit them.
    rules: 'manageRules',
    answerCategories: 'read',
    reactionTimes: 'read',
    handlingEffect: 'read',
    answerCoverage: 'read',
  },
  Mutation: {
    createTopic: 'manageTopics',
    updateTopic: 'manageTopics',
    pauseTopic: 'manageTopics',
    resumeTopic: 'manageTopics',
    deleteTopic: 'manageTopics',
    createApiKey: 'manageKeys',
    revokeApiKey: 'manageKeys',
    setMentionStatus: 'handleMentions',
    assignMention: 'handleMentions',
    tagMention: 'handleMentions',
    addMentionNote: 'handleMentions',
    correctSentiment: 'handleMentions',
    createRule: 'manageRules',
    updateRule: 'manageRules',
    deleteRule: 'manageRules',
    createAnswerCategory: 'handleMentions',
    updateAnswerCategory: 'handleMentions',
    deleteAnswerCategory: 'handleMentions',
  },
  Subscription: {
    mentionScored: 'subscribe',
    alertRaised: 'subscribe',
    mentionUpdated: 'subscribe',
  },
};

/** Extracts the key from `Bearer <key>`; anything else is no key at all. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
