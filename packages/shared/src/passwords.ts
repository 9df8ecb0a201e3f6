/**
 * Password strength, without zod so the forms can check as the user types. Following NIST
 * SP 800-63B: length is what makes a password strong, composition rules ("one digit, one
 * symbol") only make people predictable, so the rule is a minimum of 12 characters, not
 * one repeated character, and not the account's own e-mail or name. A dictionary library
 * (zxcvbn) would add ~400 KB to the page for little more than that at this length.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 1024

/** Why a password is too weak, as a sentence for the user; null when it is acceptable. */
export function passwordProblem(password: string, account: { email?: string; name?: string } = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`
  if ([...password].length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`
  if (new Set(password.toLowerCase()).size < 4) return 'Use more than a few different characters'
  const lowered = password.toLowerCase()
  for (const own of [account.email, account.email?.split('@')[0], account.name]) {
    if (own && own.length >= 4 && lowered.includes(own.toLowerCase())) return 'Do not use your e-mail or name in your password'
  }
  return null
}
