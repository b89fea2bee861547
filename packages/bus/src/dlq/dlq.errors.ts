/** Why a pulse-dlq run failed: a closed list, each with the process exit code it ends with. */
export const DLQ_ERROR_CODES = ['INVALID_ARGUMENTS', 'BROKER_UNAVAILABLE', 'READ_FAILED', 'REPLAY_FAILED'] as const;
export type DlqErrorCode = (typeof DLQ_ERROR_CODES)[number];

export class DlqError extends Error {
  constructor(
    readonly code: DlqErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DlqError';
  }
}

/** 2 for a usage error (as most CLIs), 3 when the cluster cannot be reached, 1 for a failure mid-run. */
export function exitCodeFor(code: DlqErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENTS':
      return 2;
    case 'BROKER_UNAVAILABLE':
      return 3;
    case 'READ_FAILED':
    case 'REPLAY_FAILED':
      return 1;
  }
}
