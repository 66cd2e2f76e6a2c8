/** The contract's error body: `{ error: { code, message, details? }, request_id }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
  request_id: string;
}

export function errorBody(
  requestId: string,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): ErrorBody {
  return { error: details ? { code, message, details } : { code, message }, request_id: requestId };
}
