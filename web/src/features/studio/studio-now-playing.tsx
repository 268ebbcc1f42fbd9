import { NowPlayingEditor } from './now-playing-editor.tsx';
import { NowPlayingTokens } from './now-playing-tokens.tsx';

/** /studio/now-playing: the typed track, and the tokens for the companion command beside the DJ software. */
export default function StudioNowPlaying() {
  return (
    <>
      <h1 class="console-title">Now playing</h1>
      <div class="console-grid">
        <NowPlayingEditor />
        <NowPlayingTokens />
      </div>
    </>
  );
}
