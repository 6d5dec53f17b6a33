'use client';

import { useSyncExternalStore } from 'react';
import { getDashboardState, getServerDashboardState, subscribeDashboard, type DashboardState } from './socket';

/** The shared connection state, channel list and stream list, live. */
export function useDashboard(): DashboardState {
  return useSyncExternalStore(subscribeDashboard, getDashboardState, getServerDashboardState);
}
