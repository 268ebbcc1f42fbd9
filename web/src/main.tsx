import { render } from 'preact';
import { adultConfirmed } from './adult-notice.ts';
import { App } from './app.tsx';
import { watchEarly } from './media/early-watch.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';

// No video is fetched for a visitor who has not passed the 18+ notice yet.
if (adultConfirmed.peek()) watchEarly(location.pathname);
render(<App />, document.getElementById('app')!);
