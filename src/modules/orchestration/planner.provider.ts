import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PlannerEnv } from '../../config/env';
import { CatalogPort } from '../agents/ports/catalog.port';
import { ClaudePlanner } from './claude/claude.planner';
import { OfflinePlanner } from './offline/offline.planner';
import { Planner } from './plan.types';

/** Claude plans when ANTHROPIC_API_KEY is set; otherwise the deterministic offline planner. */
export const plannerProvider: Provider = {
  provide: Planner,
  inject: [CatalogPort, AppConfig],
  useFactory: (catalog: CatalogPort, config: AppConfig): Planner => {
    const env = config.get(PlannerEnv);
    return env.ANTHROPIC_API_KEY ? new ClaudePlanner(catalog, { ...env, ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY }) : new OfflinePlanner(catalog);
  },
};
