// The one source of "now" for all code. SQL receives this instant as a parameter instead of
// calling now(), so tests that set the clock move the database's idea of time as well.
let fixed: Date | null = null

export function now(): Date {
  return fixed ? new Date(fixed.getTime()) : new Date()
}

/** Tests only: pin the clock (null returns to real time). */
export function setNow(value: Date | null): void {
  fixed = value ? new Date(value.getTime()) : null
}
