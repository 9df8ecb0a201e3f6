import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { OrganizationResponse, UpdateOrganizationRequest } from '@resolutionflow/shared/organization.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getOrganization = () => api.get<OrganizationResponse>('/api/organization')

export const useOrganization = () => useQuery(queryOptions({ queryKey: queryKeys.organization.detail(), queryFn: getOrganization }))

export const updateOrganization = (body: UpdateOrganizationRequest) => api.patch<OrganizationResponse>('/api/organization', body)

export function useUpdateOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateOrganization,
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.organization.detail(), data)
      // The name shows in the header; the model label beside the assistant; the audit log grew.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me })
      void queryClient.invalidateQueries({ queryKey: queryKeys.assistant })
      void queryClient.invalidateQueries({ queryKey: queryKeys.organization.audit() })
    },
  })
}
