// /campaigns: the marketplace's page. Its listings join the offerings index as the marketplace opens.
import type { MetaFunction } from '@remix-run/node'
import { MarketplaceIntro } from '~/components/marketplace-intro.tsx'

export const meta: MetaFunction = () => [{ title: '众创 Zhongchuang' }]

export default function Page() {
  return <MarketplaceIntro market="campaigns" offerLink="/orgs/new" />
}
