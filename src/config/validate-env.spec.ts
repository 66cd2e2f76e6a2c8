import { AppConfig } from './app-config';
import { CoreEnv, DatabaseEnv } from './env';
import { InvalidEnvironmentError } from './validate-env';

function problemsOf(env: Record<string, string>): string[] {
  try {
    new AppConfig(env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration validation', () => {
  it('starts with nothing set, using the documented defaults', () => {
    const config = new AppConfig({});
    expect(config.get(CoreEnv)).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', CORS_ORIGINS: [] });
    expect(config.get(DatabaseEnv)).toMatchObject({ DATA_DIR: './data', DATABASE_URL: undefined });
  });

  it('names PORT and what it expects when PORT is not a number', () => {
    const problems = problemsOf({ PORT: 'abc' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT must be an integer port between 0 and 65535/);
    expect(problems[0]).toContain('"abc"');
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: '70000', LOG_LEVEL: 'loud', SWAGGER_ENABLED: 'maybe' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'SWAGGER_ENABLED']);
  });

  it('never echoes the value of a sensitive variable', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(problems[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection URL/);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('treats an empty value as unset and parses lists and booleans', () => {
    const config = new AppConfig({ PORT: '', CORS_ORIGINS: 'https://a.example, https://b.example', SWAGGER_ENABLED: 'off' });
    expect(config.get(CoreEnv)).toMatchObject({
      PORT: 3000,
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      SWAGGER_ENABLED: false,
    });
  });
});
