import { afterEach, describe, expect, it } from 'vitest'
import { setNow } from '~/clock.server.ts'
import { forgetRemembered, remembered } from './remembered.server.ts'

afterEach(() => {
  setNow(null)
  forgetRemembered()
})

describe('remembered', () => {
  it('answers from the kept value within the time given, and computes again after it', async () => {
    let computed = 0
    const figure = () => remembered('figure', 60, async () => ++computed)
    setNow(new Date('2026-11-23T08:00:00Z'))
    expect(await figure()).toBe(1)
    setNow(new Date('2026-11-23T08:00:59Z'))
    expect(await figure()).toBe(1)
    setNow(new Date('2026-11-23T08:01:00Z'))
    expect(await figure()).toBe(2)
    // A clock set back (a test, a corrected host clock) does not serve a value from its future.
    setNow(new Date('2026-11-23T07:00:00Z'))
    expect(await figure()).toBe(3)
  })

  it('keeps each key apart', async () => {
    expect(await remembered('a', 60, async () => 'a')).toBe('a')
    expect(await remembered('b', 60, async () => 'b')).toBe('b')
    expect(await remembered('a', 60, async () => 'changed')).toBe('a')
  })

  it('shares one computation between requests arriving while it runs', async () => {
    let computed = 0
    let finish: (value: number) => void = () => {}
    const compute = () => {
      computed++
      return new Promise<number>((resolve) => (finish = resolve))
    }
    const first = remembered('slow', 60, compute)
    const second = remembered('slow', 60, compute)
    finish(7)
    expect(await Promise.all([first, second])).toEqual([7, 7])
    expect(computed).toBe(1)
  })

  it('does not keep a failure: the next request computes again', async () => {
    await expect(
      remembered('flaky', 60, async () => {
        throw new Error('database away')
      }),
    ).rejects.toThrow('database away')
    expect(await remembered('flaky', 60, async () => 'back')).toBe('back')
  })
})
