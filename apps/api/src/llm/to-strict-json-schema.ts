import { z } from 'zod'

type JsonSchema = { [key: string]: unknown }

/**
 * Keywords outside the subset that OpenAI's strict structured outputs (and most compatible
 * servers' grammar engines) accept. They are dropped from the sent schema, and length/count
 * limits are restated in `description` so the model still sees them; the zod schema enforces
 * them on the reply either way.
 */
const UNSUPPORTED_KEYWORDS = [
  '$schema',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'default',
] as const

/**
 * The JSON schema of a zod object schema, in the form OpenAI strict mode requires: every object
 * has `additionalProperties: false` and lists all its properties as required.
 *
 * Strict mode has no optional properties, so an optional zod field is refused here rather than
 * silently made required (model it as `.nullable()` instead).
 */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as JsonSchema
  if (json.type !== 'object') throw new Error('strict mode needs an object at the root')
  return strictify(json, '#')
}

function strictify(node: JsonSchema, path: string): JsonSchema {
  const out: JsonSchema = {}
  const limits: string[] = []
  for (const [key, value] of Object.entries(node)) {
    if ((UNSUPPORTED_KEYWORDS as readonly string[]).includes(key)) {
      const limit = describeLimit(key, value)
      if (limit) limits.push(limit)
      continue
    }
    out[key] = value
  }

  if (out.type === 'object' && isSchema(out.properties)) {
    const properties = out.properties
    const required = Array.isArray(out.required) ? out.required : []
    const optional = Object.keys(properties).filter((k) => !required.includes(k))
    if (optional.length) throw new Error(`${path}: optional properties are not allowed in strict mode: ${optional.join(', ')}`)
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, strictify(v as JsonSchema, `${path}/properties/${k}`)]),
    )
    out.required = Object.keys(properties)
    out.additionalProperties = false
  }
  if (isSchema(out.items)) out.items = strictify(out.items, `${path}/items`)
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = out[key]
    if (Array.isArray(variants)) out[key] = variants.map((v, i) => strictify(v as JsonSchema, `${path}/${key}/${i}`))
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = out[key]
    if (isSchema(defs)) {
      out[key] = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, strictify(v as JsonSchema, `${path}/${key}/${k}`)]))
    }
  }

  if (limits.length) {
    const description = typeof out.description === 'string' ? `${out.description} ` : ''
    out.description = `${description}(${limits.join(', ')})`
  }
  return out
}

function describeLimit(keyword: string, value: unknown): string | null {
  switch (keyword) {
    case 'minLength':
      return value === 1 ? 'not empty' : `at least ${value} characters`
    case 'maxLength':
      return `at most ${value} characters`
    case 'minItems':
      return `at least ${value} items`
    case 'maxItems':
      return `at most ${value} items`
    default:
      return null
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
