import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const PERMISSION_METADATA = 'pulse:permission';

/**
 * What a root field (Query, Mutation, Subscription) needs, declared where the field is
 * resolved; the role table (`permissions.ts`) says which roles hold it. Every root field must
 * carry one: the GraphQL module refuses to start otherwise, so nothing ships open by accident.
 */
export const RequirePermission = (permission: Permission): MethodDecorator => SetMetadata(PERMISSION_METADATA, permission);
