import { useRef, useState, type KeyboardEvent } from 'react';
import { buildSnippets, PERMISSION_NOTE, type SnippetInput, type SnippetLanguage } from './snippets';

/** The request in the form as code, in four languages, with copy to clipboard. */
export function Snippets({ input }: { input: SnippetInput }) {
  const snippets = buildSnippets(input);
  const [language, setLanguage] = useState<SnippetLanguage>('http');
  const [copied, setCopied] = useState('');
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = snippets.find((snippet) => snippet.language === language) ?? snippets[0];

  const copy = async () => {
    if (!current?.code) return;
    try {
      await navigator.clipboard.writeText(current.code);
      setCopied(`${current.label} snippet copied.`);
    } catch {
      setCopied('The browser refused clipboard access: select the code and copy it by hand.');
    }
  };

  // Arrow keys move between tabs, as in every tab list (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = snippets.findIndex((snippet) => snippet.language === language);
    const next = snippets[(index + (event.key === 'ArrowRight' ? 1 : -1) + snippets.length) % snippets.length];
    if (!next) return;
    setLanguage(next.language);
    tabs.current[next.language]?.focus();
  };

  return (
    <section className="panel snippets" aria-labelledby="snippets-heading">
      <h2 id="snippets-heading">Snippets</h2>
      <div role="tablist" aria-label="Snippet language" className="tabs" onKeyDown={onKeyDown}>
        {snippets.map((snippet) => (
          <button
            key={snippet.language}
            ref={(element) => {
              tabs.current[snippet.language] = element;
            }}
            type="button"
            role="tab"
            id={`snippet-tab-${snippet.language}`}
            aria-selected={snippet.language === language}
            aria-controls="snippet-panel"
            tabIndex={snippet.language === language ? 0 : -1}
            className={snippet.language === language ? 'tab selected' : 'tab'}
            onClick={() => {
              setLanguage(snippet.language);
              setCopied('');
            }}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="snippet-panel" aria-labelledby={`snippet-tab-${language}`}>
        {current?.code ? <pre tabIndex={0}>{current.code}</pre> : <p className="hint">{current?.unavailable}</p>}
        <p className="hint">{PERMISSION_NOTE}</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void copy()} disabled={!current?.code}>
            Copy
          </button>
          <span aria-live="polite" className="hint">
            {copied}
          </span>
        </div>
      </div>
    </section>
  );
}
