import { FIRST_SCREEN_ID, FIRST_SCREEN_SEQ_ATTRIBUTE } from '../graph/firstScreen';
import { LatestStrip, type LatestEntry } from '../features/timeline/LatestStrip';

interface FirstScreenProps {
  /** The operations changed last, newest first, as the timeline's Latest strip names them. */
  latest: readonly LatestEntry[];
  newestSeq: number;
}

/**
 * What a live page shows before its code has run, drawn by the server (server/first-screen.ts) in the
 * page's own frame and classes: the header, and the timeline's heading and Latest strip where the app
 * draws them. Inert: nothing on it works yet. The app replaces it once its own timeline has caught up
 * (src/lib/firstScreen.ts).
 */
export function FirstScreen({ latest, newestSeq }: FirstScreenProps) {
  return (
    <div id={FIRST_SCREEN_ID} className="app" inert {...{ [FIRST_SCREEN_SEQ_ATTRIBUTE]: newestSeq }}>
      <header className="app-header">
        <h1>Comms Console</h1>
        <p className="tagline">
          <code>call: cancelMediaProcessing</code> · live Graph through the console server
        </p>
      </header>
      <main className="layout">
        <div className="column side">
          <section className="panel" aria-label="Cancel media processing">
            <p className="hint">Loading the console…</p>
          </section>
        </div>
        <div className="column main">
          <section className="panel timeline" aria-labelledby="timeline-heading" aria-busy="true">
            <div className="panel-head">
              <h2 id="timeline-heading">Operation timeline</h2>
            </div>
            <LatestStrip latest={latest} describeCall={undefined} onShow={() => undefined} />
            <p className="hint">Drawing the timeline…</p>
          </section>
        </div>
      </main>
    </div>
  );
}
