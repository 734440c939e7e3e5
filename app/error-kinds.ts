// Bodies of the error responses the root ErrorBoundary tells apart from others of the same status.
// In a module of its own because the boundary runs in the browser too.

/** A 400 for a search parameter outside its set: the page explains filters, not forms. */
export const BAD_FILTER = 'bad-filter'
