// The header's search suggestions in a real browser on the demo data: typing SEM lists the
// scanning electron microscope type and the demo SEM, and the arrows and Enter open a choice.
import { expect, test } from '@playwright/test'
import { open, waitForDemoIndex } from './support.ts'

test.beforeAll(async ({ request }) => waitForDemoIndex(request))

test('typing SEM in the header suggests the type and the demo SEM; arrows and Enter open one', async ({
  page,
}) => {
  await open(page, '/')
  const box = page.getByRole('combobox', { name: '搜索' })
  await box.pressSequentially('SEM')
  const list = page.getByRole('listbox', { name: '搜索建议' })
  await expect(list).toBeVisible()
  await expect(box).toHaveAttribute('aria-expanded', 'true')
  const options = list.getByRole('option')
  await expect(options.first()).toContainText('扫描电子显微镜')
  await expect(options.first()).toContainText('仪器类型')
  await expect(list.getByRole('option', { name: /场发射扫描电子显微镜/ })).toBeVisible()

  // Down once: the type; Enter searches for it.
  await box.press('ArrowDown')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/search\?q=%E6%89%AB%E6%8F%8F/)
  await expect(page.locator('li h3').first()).toContainText('扫描电子显微镜')

  // Escape closes the list; the offering is reached by arrows past the types.
  await box.fill('')
  await box.pressSequentially('SEM')
  await expect(list).toBeVisible()
  await box.press('Escape')
  await expect(list).toBeHidden()
  await box.press('ArrowDown')
  await expect(list).toBeVisible()
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  // The offerings come after the types: Down from the first option to the demo SEM.
  const labels = await options.allTextContents()
  const at = labels.findIndex((l) => l.includes('场发射扫描电子显微镜'))
  expect(at).toBeGreaterThan(labels.findLastIndex((l) => l.includes('仪器类型')))
  for (let i = 0; i < at; i++) await box.press('ArrowDown')
  await expect(options.nth(at)).toHaveAttribute('aria-selected', 'true')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/equipment\/cas-jiangnan-fe-sem$/)
})

test('without a choice, Enter searches the words typed', async ({ page }) => {
  await open(page, '/')
  const box = page.getByRole('combobox', { name: '搜索' })
  await box.pressSequentially('XRD 西安')
  await expect(page.getByRole('listbox', { name: '搜索建议' })).toBeVisible()
  await box.press('Enter')
  await expect(page).toHaveURL(/\/search\?q=XRD/)
  await expect(page.getByRole('group', { name: '从搜索词中识别出的筛选条件' })).toContainText(
    '城市：西安',
  )
})
