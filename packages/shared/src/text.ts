import { z } from 'zod'

// Postgres `text` cannot hold U+0000. Refusing it here makes it a 400 that names the field,
// instead of a 500 from the database halfway through a request.
const WITHOUT_NUL = /^[^\u0000]*$/
const NUL_MESSAGE = 'must not contain NUL (U+0000) characters'

/** Text a person writes: trimmed, `min`..`max` characters, storable. */
export const textSchema = (max: number, min = 1) =>
  z.string().trim().min(min).max(max).regex(WITHOUT_NUL, NUL_MESSAGE)

/** A row id in a path or a body. Unknown ids are a 404 later; malformed ones a 400 here. */
export const IdSchema = z.string().min(1).max(64).regex(WITHOUT_NUL, NUL_MESSAGE)
