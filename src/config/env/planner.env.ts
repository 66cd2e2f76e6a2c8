import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { Expects, Sensitive } from '../env-metadata';
import { ToInt, Trimmed } from '../env-transforms';

/** The master agent's planner: Claude when ANTHROPIC_API_KEY is set, the offline planner otherwise. */
export class PlannerEnv {
  @Trimmed() @IsOptional() @IsString() @MinLength(1)
  @Sensitive()
  @Expects('an Anthropic API key (unset: the deterministic offline planner)')
  ANTHROPIC_API_KEY?: string;

  @Trimmed() @IsString() @Matches(/^[A-Za-z0-9._:-]+$/)
  @Expects('an Anthropic model id such as claude-sonnet-5-5')
  ANTHROPIC_MODEL = 'claude-sonnet-5-5';

  @Trimmed() @IsOptional() @Matches(/^https?:\/\/[^\s]+$/)
  @Expects('the base URL of the Anthropic Messages API (unset: the SDK default)')
  ANTHROPIC_BASE_URL?: string;

  @ToInt() @IsInt() @Min(1) @Max(30)
  @Expects('the most model turns one chat message may take, between 1 and 30')
  PLANNER_MAX_STEPS = 8;

  @ToInt() @IsInt() @Min(256) @Max(32_000)
  @Expects('the most output tokens per model turn, between 256 and 32000')
  PLANNER_MAX_TOKENS = 2048;

  @ToInt() @IsInt() @Min(1000) @Max(600_000)
  @Expects('milliseconds one chat message may spend planning with Claude, between 1000 and 600000')
  PLANNER_TIMEOUT_MS = 45_000;

  @ToInt() @IsInt() @Min(0) @Max(10)
  @Expects('retries of a model call on 429/5xx/timeouts (with backoff), between 0 and 10')
  PLANNER_MAX_RETRIES = 2;

  @ToInt() @IsInt() @Min(1) @Max(25)
  @Expects('search results the planner sees per catalog search, between 1 and 25')
  PLANNER_SEARCH_LIMIT = 8;
}
