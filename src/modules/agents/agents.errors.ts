import { DomainError, NotFoundError } from '../../common/errors/domain-error';

export class AgentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('AGENT_NOT_FOUND', `Agent ${id} was not found`, { agent_id: id });
  }
}

/** The command, args or server are not ones the catalog allows launching for that server. */
export class LaunchNotSanctionedError extends DomainError {
  readonly status = 422;
  readonly code = 'LAUNCH_NOT_SANCTIONED';
}

/** An env key the catalog does not declare for the server (it could change how the process runs). */
export class EnvKeyNotDeclaredError extends DomainError {
  readonly status = 422;
  readonly code = 'ENV_KEY_NOT_DECLARED';
}

export class InvalidAgentConfigError extends DomainError {
  readonly status = 400;
  readonly code = 'INVALID_AGENT_CONFIG';
}

/** A literal secret in the config was refused by the credential store; details name it, never its value. */
export class CredentialRejectedError extends DomainError {
  readonly status = 400;
  readonly code = 'CREDENTIAL_INVALID';
}
