import { expect, type APIRequestContext } from '@playwright/test'
import type { ClaimOption, HandoffResponse, MyFeedbackResponse } from '../../packages/shared/src/handoffs.ts'
import type { SendMessageResponse, Session, SessionDetailResponse } from '../../packages/shared/src/sessions.ts'
import type { NotificationsResponse } from '../../packages/shared/src/notifications.ts'
import { DEMO_PASSWORD, type DemoUser } from './demo-users.ts'

/** A printer report the offline assistant's printer playbook answers with five task-lane steps. */
export const PRINTER_PROBLEM = 'The reception printer shows offline for everyone since this morning. I power-cycled it already.'

/**
 * The wire contract, spoken as one signed-in user. Tests seed their own data through it
 * (sessions, messages, escalations), so no test depends on what another one left behind.
 * Types come from the shared contract, not written by hand.
 */
export class ResolutionFlowApi {
  constructor(private readonly request: APIRequestContext) {}

  async signIn(user: DemoUser): Promise<void> {
    const response = await this.request.post('/api/auth/login', { data: { email: user.email, password: DEMO_PASSWORD } })
    await expect(response, `sign-in as ${user.email}`).toBeOK()
  }

  async createSession(title: string): Promise<Session> {
    const response = await this.request.post('/api/sessions', { data: { title } })
    await expect(response).toBeOK()
    return ((await response.json()) as { session: Session }).session
  }

  /** Without `Accept: text/event-stream` the API answers once the reply and its task lane are stored. */
  async sendMessage(sessionId: string, content: string): Promise<SendMessageResponse> {
    const response = await this.request.post(`/api/sessions/${sessionId}/messages`, { data: { content } })
    await expect(response).toBeOK()
    return (await response.json()) as SendMessageResponse
  }

  async getSession(sessionId: string): Promise<SessionDetailResponse> {
    const response = await this.request.get(`/api/sessions/${sessionId}`)
    await expect(response).toBeOK()
    return (await response.json()) as SessionDetailResponse
  }

  async escalate(sessionId: string, note?: string, targetUserId?: string): Promise<HandoffResponse> {
    const response = await this.request.post(`/api/sessions/${sessionId}/handoffs`, {
      data: { ...(note ? { note } : {}), ...(targetUserId ? { target_user_id: targetUserId } : {}) },
    })
    await expect(response).toBeOK()
    return (await response.json()) as HandoffResponse
  }

  async getHandoff(handoffId: string): Promise<HandoffResponse> {
    const response = await this.request.get(`/api/handoffs/${handoffId}`)
    await expect(response).toBeOK()
    return (await response.json()) as HandoffResponse
  }

  /** The background assessment runs after the escalate request returned: wait until it committed. */
  async waitForAssessment(handoffId: string): Promise<HandoffResponse> {
    await expect
      .poll(async () => (await this.getHandoff(handoffId)).assessment_status, { message: 'assessment written' })
      .toBe('ready')
    return this.getHandoff(handoffId)
  }

  async claim(handoffId: string, option: ClaimOption): Promise<HandoffResponse> {
    const response = await this.request.post(`/api/handoffs/${handoffId}/claim`, { data: { option } })
    await expect(response).toBeOK()
    return (await response.json()) as HandoffResponse
  }

  /** 202: the assessment goes back to pending and the enrichment job writes it again. */
  async regenerateAssessment(handoffId: string): Promise<void> {
    const response = await this.request.post(`/api/handoffs/${handoffId}/assessment/regenerate`)
    expect(response.status()).toBe(202)
  }

  async resolve(sessionId: string, resolutionNote: string): Promise<Session> {
    const response = await this.request.post(`/api/sessions/${sessionId}/resolve`, { data: { resolution_note: resolutionNote } })
    await expect(response).toBeOK()
    return ((await response.json()) as { session: Session }).session
  }

  async myFeedback(handoffId: string): Promise<MyFeedbackResponse> {
    const response = await this.request.get(`/api/handoffs/${handoffId}/feedback`)
    await expect(response).toBeOK()
    return (await response.json()) as MyFeedbackResponse
  }

  async me(): Promise<{ user: { id: string } }> {
    const response = await this.request.get('/api/me')
    await expect(response).toBeOK()
    return (await response.json()) as { user: { id: string } }
  }

  async notifications(): Promise<NotificationsResponse> {
    const response = await this.request.get('/api/notifications')
    await expect(response).toBeOK()
    return (await response.json()) as NotificationsResponse
  }
}
