/** A dependency whose state decides whether the app may take traffic (bus, store, model). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'up' | 'down'>;
}

export class Readiness {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  /** The registered checks, for the readiness endpoint's health indicators. */
  list(): readonly ReadinessCheck[] {
    return this.checks;
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          return [c.name, (await c.check()) ? 'up' : 'down'] as const;
        } catch {
          return [c.name, 'down'] as const;
        }
      }),
    );
    return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
  }
}
