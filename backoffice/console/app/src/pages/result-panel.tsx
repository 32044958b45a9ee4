import { useState } from 'react';
import { getBlobUrl, postJson, postRaw } from '../api';
import { errorText } from '../labels';
import type { Filing } from './filing';

export function ResultPanel({ filing, onDone }: { filing: Filing; onDone: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const path = `/staff/filings/${encodeURIComponent(filing.filingId)}/result`;

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const open = async () => {
    if (!filing.resultUrl) return;
    try {
      window.open(await getBlobUrl(filing.resultUrl), '_blank');
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="card" data-testid="result-panel">
      <h3>办理结果 Result</h3>
      {filing.status === 'approved' && (
        <>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run(() => postJson(path, { generate: true }))}
          >
            生成结果文书 Generate result
          </button>
          <label className="file">
            或上传PDF Upload a PDF
            <input
              type="file"
              accept="application/pdf"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void run(() => postRaw(path, file));
              }}
            />
          </label>
        </>
      )}
      {filing.resultUrl && (
        <p>
          <button type="button" className="link" onClick={() => void open()} data-testid="open-result">
            [PDF] 查看结果文书 View result PDF
          </button>
        </p>
      )}
      {filing.status !== 'approved' && !filing.resultUrl && (
        <p className="muted">批准后可出具结果 / After approval</p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
