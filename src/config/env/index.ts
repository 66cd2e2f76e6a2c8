import { CoreEnv } from './core.env';
import { DatabaseEnv } from './database.env';

/**
 * Every environment section the service validates at boot. A module with its own settings adds its
 * class here; AppConfig.get(Section) returns the validated, typed instance.
 */
export const ENV_SECTIONS = [CoreEnv, DatabaseEnv] as const;

export { CoreEnv, DatabaseEnv };
