import { useState, type ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { Toaster } from 'sonner'
import { createQueryClient } from '../lib/query-client.ts'
import { useTheme } from '../lib/use-theme.ts'

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  const theme = useTheme()
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Sonner's container is a polite live region that exists before any toast, so toasts are announced.
          Its label is not "Notifications", which names the bell. Top centre, just under the header: at the
          bottom right a toast covered the composer's Send button and the task lane. */}
      <Toaster
        position="top-center"
        offset={{ top: 64 }}
        mobileOffset={{ top: 60 }}
        closeButton
        richColors
        theme={theme}
        containerAriaLabel="Alerts"
      />
    </QueryClientProvider>
  )
}
