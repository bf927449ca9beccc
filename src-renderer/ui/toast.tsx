import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import './toast.css';

/** How long a toast stays: long enough to read a sentence twice. */
const SHOWN_MS = 6000;

type ShowToast = (message: string) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

/**
 * Short confirmations that outlive what caused them (a deleted account's card is gone): a polite live
 * region in a corner, each message for a few seconds. Errors are not toasts: they stay where they happened.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Array<{ id: number; message: string }>>([]);
  const nextId = useRef(0);
  const show = useCallback<ShowToast>((message) => {
    nextId.current += 1;
    const id = nextId.current;
    setToasts((shown) => [...shown, { id, message }]);
    setTimeout(() => setToasts((shown) => shown.filter((toast) => toast.id !== id)), SHOWN_MS);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <p key={toast.id} className="toast">
            {toast.message}
          </p>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a toast; outside a ToastProvider it does nothing. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}
