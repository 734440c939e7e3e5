// A refusal the user can act on: a catalogue key for the message and, when it belongs to one,
// the form field it is shown beside.
export class UserError extends Error {
  constructor(
    public readonly messageKey: string,
    public readonly field?: string,
    public readonly values?: Record<string, string | number>,
  ) {
    super(messageKey)
  }
}
