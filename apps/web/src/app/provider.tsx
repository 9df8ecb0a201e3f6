import { useState, type ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { Toaster } from 'sonner'
import { createQueryClient } from '../lib/query-client.ts'
import { BOTTOM_INSET_VAR } from '../lib/use-bottom-inset.ts'
import { TOP_INSET_VAR } from '../lib/use-top-inset.ts'
import { PHONE_LAYOUT_QUERY, useMediaQuery } from '../lib/use-media-query.ts'
import { useTheme } from '../lib/use-theme.ts'

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  const theme = useTheme()
  const phone = useMediaQuery(PHONE_LAYOUT_QUERY)
  // Above whatever is pinned to the bottom (the chat's composer, which publishes its height), plus a gap.
  const aboveBottomControls = `calc(var(${BOTTOM_INSET_VAR}, 0px) + 8px)`
  // Below whatever is at the top: the header, and on the chat page its toolbar and banner (which publish their bottom edge).
  const belowTopControls = `calc(var(${TOP_INSET_VAR}, var(--header-h)) + 8px)`
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Sonner's container is a polite live region that exists before any toast, so toasts are announced.
          Its label is not "Notifications", which names the bell.
          Wide screens: top centre, under the header and the chat's toolbar and banner: at the bottom right a
          toast covered the composer's Send button and the task lane, and just under the header the toolbar's
          title and Rename. Top centre is over the conversation, clear of the lane on the right. Phones: the top of the screen is the header and the chat's toolbar
          (the title, ⋯), where a tap meant for them landed on the toast; bottom centre, above the composer,
          covers only the last lines of the conversation, and a swipe down dismisses it. */}
      <Toaster
        position={phone ? 'bottom-center' : 'top-center'}
        offset={{ top: belowTopControls, bottom: aboveBottomControls }}
        mobileOffset={{ bottom: aboveBottomControls }}
        closeButton
        richColors
        theme={theme}
        containerAriaLabel="Alerts"
      />
    </QueryClientProvider>
  )
}
