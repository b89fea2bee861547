import { Module } from '@nestjs/common';
import { LanguageModelRouter } from '../model/language-model.router.js';
import { ModelModule } from '../model/model.module.js';
import { ScoringService } from './scoring.service.js';

/** Batch scoring: overall tone, per-topic tone by the targeting rules, intent. */
@Module({
  imports: [ModelModule],
  providers: [{ provide: ScoringService, inject: [LanguageModelRouter], useFactory: (models: LanguageModelRouter) => new ScoringService(models) }],
  exports: [ScoringService],
})
export class ScoringModule {}
