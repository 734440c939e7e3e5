// Every kind of offering in the index. Adding a kind is one file here and one line below.
import type { KindDefinition, OfferingKind } from '../document.ts'
import { campaignKind } from './campaign.ts'
import { challengeKind } from './challenge.ts'
import { equipmentKind } from './equipment.ts'
import { organisationKind } from './organisation.ts'
import { spaceKind } from './space.ts'
import { startupKind } from './startup.ts'

export const kinds: Record<OfferingKind, KindDefinition> = {
  space: spaceKind,
  organisation: organisationKind,
  equipment: equipmentKind,
  challenge: challengeKind,
  campaign: campaignKind,
  startup: startupKind,
}
