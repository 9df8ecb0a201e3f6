import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { paths } from '../../../config/paths.ts'
import { Button, type ButtonVariant } from '../../../components/ui/button.tsx'
import { PlusIcon } from '../../../components/ui/icons.tsx'
import { useCreateSession } from '../api/create-session.ts'

type NewSessionButtonProps = { variant?: ButtonVariant; size?: 'sm' | 'md' }

export function NewSessionButton({ variant = 'primary', size = 'sm' }: NewSessionButtonProps) {
  const createSession = useCreateSession()
  const navigate = useNavigate()

  const onClick = () =>
    createSession.mutate(
      {},
      {
        onSuccess: (session) => void navigate(paths.chat.getHref(session.id)),
        onError: (error) => toast.error("Couldn't start a session", { description: error.message }),
      },
    )

  return (
    <Button variant={variant} size={size} icon={<PlusIcon />} loading={createSession.isPending} onClick={onClick}>
      New session
    </Button>
  )
}
