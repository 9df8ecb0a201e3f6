import { Skeleton } from '../../../components/ui/skeleton.tsx'

export function ChatSkeleton() {
  return (
    <div className="chat-page" aria-busy="true">
      <span className="sr-only" role="status">
        Loading the session
      </span>
      <div className="chat-toolbar">
        <Skeleton width="14rem" height="1.25rem" />
      </div>
      <div className="chat-body">
        <div className="chat-main">
          <div className="message-scroller">
            <div className="message-list">
              {[60, 85, 40].map((width, i) => (
                <div key={width} className={i % 2 ? 'message message--assistant' : 'message message--user'}>
                  <Skeleton width="6rem" height="0.75rem" />
                  <Skeleton width={`${width}%`} height="3rem" />
                </div>
              ))}
            </div>
          </div>
        </div>
        <div className="task-lane">
          <Skeleton width="8rem" height="1rem" />
          <Skeleton height="5rem" />
          <Skeleton height="5rem" />
        </div>
      </div>
    </div>
  )
}
