import { CoreEnv } from './core.env';
import { DatabaseEnv } from './database.env';
import { AuthEnv } from './auth.env';
import { CredentialsEnv } from './credentials.env';
import { PlannerEnv } from './planner.env';
import { SearchEnv } from './search.env';

/**
 * Every environment section the service validates at boot. A module with its own settings adds its
 * class here; AppConfig.get(Section) returns the validated, typed instance.
 */
export const ENV_SECTIONS = [CoreEnv, DatabaseEnv, AuthEnv, CredentialsEnv, PlannerEnv, SearchEnv] as const;

export { CoreEnv, DatabaseEnv, AuthEnv, CredentialsEnv, PlannerEnv, SearchEnv };
