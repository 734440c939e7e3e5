// The English catalogue, whole, for the server (the browser loads one chunk per namespace).
import admin from './locales/en/admin.json'
import auth from './locales/en/auth.json'
import common from './locales/en/common.json'
import equipment from './locales/en/equipment.json'
import equipmentCare from './locales/en/equipment-care.json'
import fapiao from './locales/en/fapiao.json'
import notifications from './locales/en/notifications.json'
import listings from './locales/en/listings.json'
import bookings from './locales/en/bookings.json'
import bookingForm from './locales/en/booking-form.json'
import orgs from './locales/en/orgs.json'
import payments from './locales/en/payments.json'
import settings from './locales/en/settings.json'
import spaces from './locales/en/spaces.json'
import vouchers from './locales/en/vouchers.json'
import equipmentDashboard from './locales/en/equipment-dashboard.json'
import bids from './locales/en/bids.json'
import challenges from './locales/en/challenges.json'
import challengeWork from './locales/en/challenge-work.json'
import reputation from './locales/en/reputation.json'
import startups from './locales/en/startups.json'
import investors from './locales/en/investors.json'
import campaigns from './locales/en/campaigns.json'
import commitments from './locales/en/commitments.json'
import intros from './locales/en/intros.json'
import events from './locales/en/events.json'
import mentors from './locales/en/mentors.json'
import figures from './locales/en/figures.json'
import moderation from './locales/en/moderation.json'

export default {
  common,
  auth,
  orgs,
  spaces,
  admin,
  settings,
  notifications,
  payments,
  fapiao,
  equipment,
  listings,
  bookings,
  'booking-form': bookingForm,
  'equipment-care': equipmentCare,
  vouchers,
  'equipment-dashboard': equipmentDashboard,
  bids,
  challenges,
  'challenge-work': challengeWork,
  reputation,
  startups,
  investors,
  campaigns,
  commitments,
  intros,
  events,
  mentors,
  figures,
  moderation,
}
