import { render } from 'preact';
import { PanelApp } from '../../src/ui/panel-app.tsx';
import '../../src/ui/theme.css';

render(<PanelApp />, document.getElementById('app')!);
