import { render } from 'preact';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';

render(<App />, document.getElementById('app')!);
