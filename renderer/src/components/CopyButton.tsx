import { useState } from 'react';

type Props = { text: string; label: string };

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: Props) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => {
        setStatus('copied');
        setTimeout(() => {
          setStatus('idle');
        }, 2000);
      },
      () => {
        setStatus('failed');
      },
    );
  };
  return (
    <button type="button" className="small" onClick={copy} aria-label={label}>
      {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
