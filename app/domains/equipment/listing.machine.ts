// Where an instrument listing stands: drafted by its organisation, published for booking, and
// taken down (and put back) by the organisation or a moderator.
import { defineMachine } from '../lifecycle/machine.ts'

export const listingMachine = defineMachine({
  name: 'equipment-listing',
  states: ['draft', 'published', 'unpublished'],
  transitions: [
    { action: 'publish', from: ['draft', 'unpublished'], to: 'published', actors: ['owner'] },
    { action: 'unpublish', from: ['published'], to: 'unpublished', actors: ['owner', 'moderator'] },
  ],
})

export type ListingStatus = (typeof listingMachine.states)[number]
export type ListingAction = (typeof listingMachine.transitions)[number]['action']
