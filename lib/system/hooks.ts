'use client';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api-client/api-fetch';
import type { SystemInfo } from './system-info';

export function useSystemInfo() {
  return useQuery({ queryKey: ['system-info'], queryFn: () => apiFetch<SystemInfo>('/repository/api/system/info'), staleTime: Infinity });
}
