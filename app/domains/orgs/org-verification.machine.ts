// An organisation's verification: a platform verifier reads its 营业执照 and letter of
// authorisation and approves or rejects; only verified organisations may post or raise money.
import { defineMachine } from '../lifecycle/machine.ts'

export const orgVerificationMachine = defineMachine({
  name: 'organisation',
  states: ['pending', 'verified', 'rejected', 'suspended'],
  transitions: [
    { action: 'verify', from: ['pending'], to: 'verified', actors: ['verifier'] },
    { action: 'reject', from: ['pending'], to: 'rejected', actors: ['verifier'] },
    { action: 'resubmit', from: ['rejected'], to: 'pending', actors: ['org-admin'] },
    { action: 'suspend', from: ['verified'], to: 'suspended', actors: ['moderator'] },
    { action: 'reinstate', from: ['suspended'], to: 'verified', actors: ['moderator'] },
  ],
})

export type OrgStatus = (typeof orgVerificationMachine.states)[number]
export type OrgAction = (typeof orgVerificationMachine.transitions)[number]['action']
