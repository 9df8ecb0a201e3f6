import { z } from 'zod'

// Postgres `text` cannot hold U+0000. Refusing it here makes it a 400 that names the field,
// instead of a 500 from the database halfway through a request.
const WITHOUT_NUL = /^[^\u0000]*$/
const NUL_MESSAGE = 'must not contain NUL (U+0000) characters'
// Nor can UTF-8 hold half of a surrogate pair (JSON allows "\udc13" on its own): every high
// surrogate must be followed by a low one, and no low one may stand alone.
const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/
const SURROGATE_MESSAGE = 'must not contain unpaired surrogate characters (invalid Unicode)'

/** Text a person writes: trimmed, `min`..`max` characters, storable. */
export const textSchema = (max: number, min = 1) =>
  z.string().trim().min(min).max(max).regex(WITHOUT_NUL, NUL_MESSAGE).regex(WELL_FORMED, SURROGATE_MESSAGE)

/** A row id in a path or a body. Unknown ids are a 404 later; malformed ones a 400 here. */
export const IdSchema = z.string().min(1).max(64).regex(WITHOUT_NUL, NUL_MESSAGE).regex(WELL_FORMED, SURROGATE_MESSAGE)
