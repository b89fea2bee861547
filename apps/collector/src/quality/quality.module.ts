import { Module } from '@nestjs/common';
import { CLOCK, type Clock } from '../core/collector.tokens.js';
import { DuplicateDetector } from './duplicate.detector.js';
import { QualityAssessor } from './quality.assessor.js';

/** Quality marks on every mention: near-duplicates (MinHash), explainable spam score, direct address. */
@Module({
  providers: [{ provide: QualityAssessor, inject: [CLOCK], useFactory: (clock: Clock) => new QualityAssessor(new DuplicateDetector(), clock) }],
  exports: [QualityAssessor],
})
export class QualityModule {}
