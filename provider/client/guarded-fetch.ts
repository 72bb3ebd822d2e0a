/** The most the client reads of one answer. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
