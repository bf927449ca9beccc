import { useState } from 'react';
import { tunnelModes, type TunnelMode } from '../../../src-shared/control/tunnel-types';
import { modeLabels } from './public-url-words';

export interface PublicUrlStart {
  mode: TunnelMode;
  token?: string;
  publicUrl?: string;
}

export interface PublicUrlFormProps {
  initialMode: TunnelMode;
  busy: boolean;
  onStart(start: PublicUrlStart): void;
}

/** How to make the public URL (quick tunnel by default), and the Start button. */
export function PublicUrlForm({ initialMode, busy, onStart }: PublicUrlFormProps) {
  const [mode, setMode] = useState<TunnelMode>(initialMode);
  const [token, setToken] = useState('');
  const [publicUrl, setPublicUrl] = useState('');

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    // An empty token keeps the one saved in config.yaml (it is never sent back to this page).
    onStart({ mode, ...(mode === 'named' && token.trim() !== '' ? { token: token.trim() } : {}), ...(mode !== 'quick' && publicUrl.trim() !== '' ? { publicUrl: publicUrl.trim() } : {}) });
  };

  return (
    <form className="form public-url-form" onSubmit={submit}>
      <fieldset>
        <legend>How to get a public address</legend>
        {tunnelModes.map((each) => (
          <label key={each} className="radio">
            <input type="radio" name="tunnel-mode" value={each} checked={mode === each} onChange={() => setMode(each)} /> {modeLabels[each]}
          </label>
        ))}
      </fieldset>
      {mode === 'quick' && <p className="hint">Downloads cloudflared from Cloudflare's GitHub releases if it is not installed (checksum verified). The address changes on every start.</p>}
      {mode === 'named' && (
        <label>
          Tunnel token <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} placeholder="eyJ… (empty: the saved one)" />
        </label>
      )}
      {mode !== 'quick' && (
        <label>
          {mode === 'named' ? 'Hostname routed to this tunnel' : 'Public URL'}{' '}
          <input type="url" value={publicUrl} onChange={(event) => setPublicUrl(event.target.value)} placeholder="https://cursor.example.com (empty: the saved one)" />
        </label>
      )}
      {mode === 'named' && <p className="hint">In the Cloudflare dashboard, route the hostname to http://127.0.0.1:8318 (tunnel.listen-port).</p>}
      {mode === 'external' && <p className="hint">Point your tunnel or reverse proxy (Tailscale Funnel, ngrok, nginx) at http://127.0.0.1:8318 (tunnel.listen-port).</p>}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Start public URL
        </button>
      </div>
    </form>
  );
}
