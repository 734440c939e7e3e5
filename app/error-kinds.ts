// Bodies of the error responses the root ErrorBoundary tells apart from others of the same status.
// In a module of its own because the boundary runs in the browser too.

/** A 400 for a search parameter outside its set: the page explains filters, not forms. */
export const BAD_FILTER = 'bad-filter'

/** A 404 for something the platform hid: the page says so rather than "not found". */
export const HIDDEN_BODY = 'hidden-by-platform'

/** Seconds a client (or a proxy) is told to wait after a 503 before trying again. */
export const RETRY_AFTER_SECONDS = 5
