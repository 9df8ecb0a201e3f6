import { useState, type ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { Toaster } from 'sonner'
import { createQueryClient } from '../lib/query-client.ts'

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Sonner's container is a polite live region that exists before any toast, so toasts are announced.
          Its label is not "Notifications", which names the bell. */}
      <Toaster position="bottom-right" closeButton richColors containerAriaLabel="Alerts" />
    </QueryClientProvider>
  )
}
