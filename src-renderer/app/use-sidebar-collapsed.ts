import { useCallback, useState } from 'react';

const STORAGE_KEY = 'cliproxy.sidebar-collapsed';

/** Whether the sidebar shows icons only; remembered across reloads (localStorage, when the page may use it). */
export function useSidebarCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(() => readStored());
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, was ? '0' : '1');
      } catch {
        // Storage refused (private mode): the choice lasts until reload.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}

function readStored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
