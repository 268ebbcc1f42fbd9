import { render } from 'preact';
import { App } from './app.tsx';
import { adultConfirmed } from './features/legal/adult-notice.ts';
import { watchEarly } from './lib/media/early-watch.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';

// No video is fetched for a visitor who has not passed the 18+ notice yet.
if (adultConfirmed.peek()) watchEarly(location.pathname);
render(<App />, document.getElementById('app')!);
