import { Injectable } from '@nestjs/common';
import { ENV_SECTIONS } from './env';
import { EnvSectionClass, validateEnvironment } from './validate-env';

/**
 * The validated configuration. The only place that reads process.env; everything else asks for a
 * typed section: `config.get(DatabaseEnv).DATA_DIR`.
 */
@Injectable()
export class AppConfig {
  private readonly sections: Map<EnvSectionClass, object>;

  constructor(raw: Record<string, string | undefined> = process.env) {
    this.sections = validateEnvironment(ENV_SECTIONS, raw);
  }

  get<T extends object>(section: new () => T): T {
    const value = this.sections.get(section);
    if (!value) throw new Error(`Configuration section ${section.name} is not registered in ENV_SECTIONS`);
    return value as T;
  }
}
