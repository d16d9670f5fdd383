import { useEffect } from 'react';
import { connectDeskEvents } from '../stores/desk-events';
import { useDeskStore } from '../stores/store';

/** Starts the app once: profiles, main's events, and the browser's online/offline signals. */
export function useAppLifecycle(): void {
  useEffect(() => {
    const stop = connectDeskEvents();
    void useDeskStore.getState().initialize();
    const online = () => {
      useDeskStore.getState().setBrowserOnline(true);
    };
    const offline = () => {
      useDeskStore.getState().setBrowserOnline(false);
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      stop();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);
}
