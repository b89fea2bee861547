import { handleIncident, incidentBrand, outageComplaint, type DemoIncident } from './demo-incidents.js';
import type { DemoPost, DemoPostFactory } from './demo-posts.js';
import type { DemoRandom } from './demo-random.js';

/** The live burst: a mobile outage at MTS, a few minutes into the demo, loud enough for a spike alert. */
export const LIVE_INCIDENT: DemoIncident = { topicId: 'mts', peakPerMinute: 18, answered: 0.6, answerMedianMinutes: 4, followUp: 0 };
/** How long the burst lasts, in demo time. */
export const BURST_MS = 4 * 60_000;

/**
 * Plays the live incident against the demo clock: `due` hands out the complaints whose
 * moment has come (published now, whatever the clock's speed), then the brand's answers
 * as their delays pass.
 */
export class DemoBurst {
  /** About 72 complaints: several times a busy brand's usual 5 minutes, all negative. */
  readonly total = Math.round((LIVE_INCIDENT.peakPerMinute * BURST_MS) / 60_000);
  private emitted = 0;
  private readonly complaints: DemoPost[] = [];
  private answers: DemoPost[] | undefined;

  constructor(
    private readonly factory: DemoPostFactory,
    private readonly rng: DemoRandom,
    /** Demo time the burst starts. */
    private readonly startsAt: number,
  ) {}

  /** Posts due by demo time `demoNow`, stamped with the real time `now`. */
  due(demoNow: number, now: number): DemoPost[] {
    if (demoNow < this.startsAt) return [];
    const brand = incidentBrand(LIVE_INCIDENT);
    const progress = Math.min(1, (demoNow - this.startsAt) / BURST_MS);
    const out: DemoPost[] = [];
    for (; this.emitted < Math.round(progress * this.total); this.emitted += 1) {
      const post = outageComplaint(this.factory, this.rng, brand, now);
      this.complaints.push({ ...post, meta: { ...post.meta, time: demoNow } });
      out.push(post);
    }
    if (progress >= 1 && this.answers === undefined) {
      // Delays are planned in demo time from each complaint's moment; restamped with real time when due.
      this.answers = handleIncident(this.factory, this.rng, LIVE_INCIDENT, this.complaints, Number.POSITIVE_INFINITY).answers.sort((a, b) => a.meta.time - b.meta.time);
    }
    while (this.answers && this.answers.length > 0 && this.answers[0]!.meta.time <= demoNow) {
      const answer = this.answers.shift()!;
      out.push({ ...answer, publishedAt: new Date(now).toISOString(), collectedAt: new Date(now).toISOString() });
    }
    return out;
  }

  get finished(): boolean {
    return this.answers !== undefined && this.answers.length === 0;
  }
}
