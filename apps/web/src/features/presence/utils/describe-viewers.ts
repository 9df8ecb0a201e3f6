/** A first name reads as a colleague ("Morgan"); the full names stay in the tooltip. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] || name

/** "Morgan is looking at this", "Morgan and Sam are…", "Morgan, Sam and 2 others are…". */
export function describeViewers(viewers: ReadonlyArray<{ name: string }>): string | null {
  const names = viewers.map((v) => firstName(v.name))
  if (names.length === 0) return null
  if (names.length === 1) return `${names[0]} is looking at this`
  if (names.length === 2) return `${names[0]} and ${names[1]} are looking at this`
  const rest = names.length - 2
  return `${names[0]}, ${names[1]} and ${rest} ${rest === 1 ? 'other' : 'others'} are looking at this`
}
