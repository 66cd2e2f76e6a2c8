/**
 * Start-up failures of the data layer. They stop the process with a message that says what is wrong
 * and what to do; they never carry the connection password.
 */
export class DatabaseStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseStartupError';
  }
}

/** Removes the password from a connection URL so it can be shown. */
export function redactConnectionUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? ':***' : ''}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * The SQLSTATE of a failed raw query on PostgreSQL, as the Prisma driver adapter reports it
 * (`meta.driverAdapterError.cause.code`), or undefined for anything else.
 */
export function postgresErrorCode(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { code?: unknown } } } } | null)?.meta;
  const code = meta?.driverAdapterError?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
