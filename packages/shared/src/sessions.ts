import { z } from 'zod'
import { ROOT_CAUSES } from './escalation-rules.ts'
import { IdSchema, textSchema } from './text.ts'
import { HandoffResponseSchema } from './handoffs.ts'

export const TaskStatusSchema = z.enum(['todo', 'done', 'skipped'])
export type TaskStatus = z.infer<typeof TaskStatusSchema>

export const TaskItemSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  title: z.string(),
  detail: z.string(),
  status: TaskStatusSchema,
  position: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
})
export type TaskItem = z.infer<typeof TaskItemSchema>

export const MessageSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  role: z.enum(['user', 'assistant']),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  content: z.string(),
  /** The reply was cut short: the client went away or the model failed mid-stream. */
  incomplete: z.boolean(),
  /** A user message the assistant is answering right now (here or in a background job). */
  answering: z.boolean(),
  created_at: z.string(),
})
export type Message = z.infer<typeof MessageSchema>

export const SessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  created_by: z.object({ id: z.string(), name: z.string() }),
  created_at: z.string(),
  last_activity_at: z.string(),
  /** The open or last handoff's status, for sidebar badges; null when never escalated. */
  handoff_status: z.enum(['pending', 'claimed', 'cancelled']).nullable(),
  /** When that handoff was handed back to whoever escalated it (its status stays `claimed`); null otherwise. */
  handoff_handed_back_at: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolved_at: z.string().nullable(),
  resolved_by: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** What fixed it; null while open. */
  resolution_note: z.string().nullable(),
  root_cause: z.enum(ROOT_CAUSES).nullable(),
})
export type Session = z.infer<typeof SessionSchema>

export const SessionsResponseSchema = z.object({ sessions: z.array(SessionSchema) })
export type SessionsResponse = z.infer<typeof SessionsResponseSchema>

export const CreateSessionRequestSchema = z.object({
  title: textSchema(200).optional(),
})
export const UpdateSessionRequestSchema = z.object({
  title: textSchema(200),
})
export const SessionResponseSchema = z.object({ session: SessionSchema })

export const RootCauseSchema = z.enum(ROOT_CAUSES)
export const ResolveSessionRequestSchema = z.object({
  resolution_note: textSchema(500),
  root_cause: RootCauseSchema.optional(),
})
export type ResolveSessionRequest = z.infer<typeof ResolveSessionRequestSchema>

export const SessionDetailResponseSchema = z.object({
  session: SessionSchema,
  messages: z.array(MessageSchema),
  task_lane: z.array(TaskItemSchema),
  /** The session's latest handoff (open or not), or null. */
  handoff: HandoffResponseSchema.nullable(),
})
export type SessionDetailResponse = z.infer<typeof SessionDetailResponseSchema>

export const SessionParamsSchema = z.object({ id: IdSchema })
export const TaskParamsSchema = z.object({ id: IdSchema, taskId: IdSchema })

export const SendMessageRequestSchema = z.object({
  content: textSchema(20_000),
})
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>

export const SendMessageResponseSchema = z.object({
  user_message: MessageSchema,
  assistant_message: MessageSchema,
  task_lane: z.array(TaskItemSchema),
})
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>

export const UpdateTaskRequestSchema = z.object({ status: TaskStatusSchema })
export const TaskResponseSchema = z.object({ task: TaskItemSchema })

/**
 * Events of the streamed reply (`POST /api/sessions/:id/messages` with
 * `Accept: text/event-stream`), in order: `user_message`, any number of `delta`,
 * then `done` (or `error`, after which the partial reply is stored as incomplete).
 */
export const ChatStreamEventSchemas = {
  user_message: z.object({ message: MessageSchema }),
  delta: z.object({ text: z.string() }),
  done: SendMessageResponseSchema,
  error: z.object({ code: z.string(), message: z.string() }),
}
export type ChatStreamEvent =
  | { event: 'user_message'; data: z.infer<typeof ChatStreamEventSchemas.user_message> }
  | { event: 'delta'; data: z.infer<typeof ChatStreamEventSchemas.delta> }
  | { event: 'done'; data: z.infer<typeof ChatStreamEventSchemas.done> }
  | { event: 'error'; data: z.infer<typeof ChatStreamEventSchemas.error> }
