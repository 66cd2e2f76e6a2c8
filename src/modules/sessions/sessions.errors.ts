import { NotFoundError } from '../../common/errors/domain-error';

export const SessionErrorCode = { SESSION_NOT_FOUND: 'SESSION_NOT_FOUND' } as const;

/** Unknown ids and other owners' sessions look the same: not found, never forbidden. */
export class SessionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(SessionErrorCode.SESSION_NOT_FOUND, `Session ${id} was not found`, { session_id: id });
  }
}
