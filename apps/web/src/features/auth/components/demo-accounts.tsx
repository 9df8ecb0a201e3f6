/** The embedded demo seeds these accounts (ARCHITECTURE.md, "Demo data"); one click fills the form. */
export const DEMO_PASSWORD = 'TestPass123!'

const DEMO_ACCOUNTS = [
  { email: 'engineer@resolutionflow.example.com', who: 'Jamie Rivera, engineer' },
  { email: 'senior@resolutionflow.example.com', who: 'Sam Patel, senior' },
  { email: 'teamadmin@resolutionflow.example.com', who: 'Morgan Lee, admin' },
  { email: 'engineer@globex.example.com', who: 'Globex IT, engineer' },
  { email: 'admin@globex.example.com', who: 'Globex IT, admin' },
]

type DemoAccountsProps = { onPick: (email: string, password: string) => void }

export function DemoAccounts({ onPick }: DemoAccountsProps) {
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title" className="demo-accounts__title">
        Demo accounts
      </h2>
      <p className="demo-accounts__hint">
        Password for all: <code>{DEMO_PASSWORD}</code>
      </p>
      <ul className="demo-accounts__list">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.email}>
            <button
              type="button"
              className="demo-accounts__item"
              onClick={() => onPick(account.email, DEMO_PASSWORD)}
            >
              <span className="demo-accounts__email">{account.email}</span>
              <span className="demo-accounts__who">{account.who}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
