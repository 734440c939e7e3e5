// The business kind of a commitment's payment (its business id is the commitment's). A module
// of its own: the payments layer's hooks, loaded while the deals modules are still loading,
// read it at import.
export const COMMITMENT_KIND = 'commitment'
