/**
 * How many rows each list answers at most, newest first: the sidebar (`GET /api/sessions`),
 * the handoff lists (`GET /api/handoffs`) and the bell (`GET /api/notifications`). The server
 * cuts its lists here, and the web app knows that a full page may hide, below its end, what a
 * live event names. Without zod: the signed-in shell loads it.
 */
export const LIST_PAGES = { sessions: 200, handoffs: 100, notifications: 50 } as const
