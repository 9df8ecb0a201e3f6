import { useCallback, useEffect, useState } from 'react'
import { desktopPermission, type DesktopPermission } from '../utils/desktop-support.ts'

/**
 * The Notification permission, kept current (the user may change it in the site settings
 * while the page is open), and `request`, which must run from a click: browsers ignore or
 * penalise a permission prompt that no gesture asked for, so nothing asks on page load.
 */
export function useDesktopPermission() {
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission)

  useEffect(() => {
    if (permission === 'unsupported' || !navigator.permissions?.query) return
    let status: PermissionStatus | null = null
    const update = () => setPermission(desktopPermission())
    navigator.permissions
      .query({ name: 'notifications' })
      .then((s) => {
        status = s
        s.addEventListener('change', update)
      })
      .catch(() => undefined)
    return () => status?.removeEventListener('change', update)
  }, [permission])

  const request = useCallback(async () => {
    if (desktopPermission() === 'unsupported') return 'unsupported' as const
    const result = await window.Notification.requestPermission()
    setPermission(result)
    return result
  }, [])

  return { permission, request }
}
