import { render } from 'preact';
import { App } from './app.tsx';
import { watchEarly } from './media/early-watch.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';

watchEarly(location.pathname);
render(<App />, document.getElementById('app')!);
