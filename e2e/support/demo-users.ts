/** The demo accounts the e2e server seeds (ARCHITECTURE.md, "Demo data"). */
export const DEMO_PASSWORD = 'TestPass123!'

export type DemoUser = {
  email: string
  name: string
  organization: string
}

export const demoUsers = {
  jamie: { email: 'engineer@resolutionflow.example.com', name: 'Jamie Rivera', organization: 'Acme MSP' },
  morgan: { email: 'teamadmin@resolutionflow.example.com', name: 'Morgan Lee', organization: 'Acme MSP' },
  sam: { email: 'senior@resolutionflow.example.com', name: 'Sam Patel', organization: 'Acme MSP' },
  alex: { email: 'engineer@globex.example.com', name: 'Alex Kim', organization: 'Globex IT' },
  priya: { email: 'admin@globex.example.com', name: 'Priya Shah', organization: 'Globex IT' },
} as const satisfies Record<string, DemoUser>
