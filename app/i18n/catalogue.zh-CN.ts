// The Chinese catalogue, whole, for the server (the browser loads one chunk per namespace).
import admin from './locales/zh-CN/admin.json'
import auth from './locales/zh-CN/auth.json'
import common from './locales/zh-CN/common.json'
import equipment from './locales/zh-CN/equipment.json'
import equipmentCare from './locales/zh-CN/equipment-care.json'
import fapiao from './locales/zh-CN/fapiao.json'
import notifications from './locales/zh-CN/notifications.json'
import listings from './locales/zh-CN/listings.json'
import bookings from './locales/zh-CN/bookings.json'
import bookingForm from './locales/zh-CN/booking-form.json'
import orgs from './locales/zh-CN/orgs.json'
import payments from './locales/zh-CN/payments.json'
import settings from './locales/zh-CN/settings.json'
import spaces from './locales/zh-CN/spaces.json'
import vouchers from './locales/zh-CN/vouchers.json'
import equipmentDashboard from './locales/zh-CN/equipment-dashboard.json'
import bids from './locales/zh-CN/bids.json'
import challenges from './locales/zh-CN/challenges.json'
import challengeWork from './locales/zh-CN/challenge-work.json'
import reputation from './locales/zh-CN/reputation.json'
import startups from './locales/zh-CN/startups.json'
import investors from './locales/zh-CN/investors.json'
import campaigns from './locales/zh-CN/campaigns.json'
import commitments from './locales/zh-CN/commitments.json'
import intros from './locales/zh-CN/intros.json'
import events from './locales/zh-CN/events.json'
import mentors from './locales/zh-CN/mentors.json'
import figures from './locales/zh-CN/figures.json'
import moderation from './locales/zh-CN/moderation.json'

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
